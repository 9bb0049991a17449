import { describe, expect, it } from "vitest";
import { type Actor, can, handlingUnitsOf, hasOnlyRole, townshipsInScope } from "./permissions";

const tenantA = "00000000-0000-4000-8000-00000000000a";
const tenantB = "00000000-0000-4000-8000-00000000000b";
const actor = (overrides: Partial<Actor>): Actor => ({
  userId: "u",
  username: "u",
  displayName: "U",
  platformRole: null,
  tenantId: tenantA,
  memberships: [],
  ...overrides,
});

describe("permissions", () => {
  const admin = actor({ memberships: [{ role: "county_admin", townshipIds: [] }] });
  const operator = actor({ memberships: [{ role: "township_operator", townshipIds: ["t1", "t2"] }] });
  const platform = actor({ platformRole: "operator", tenantId: null });

  it("lets a county admin manage its own county and nothing of another", () => {
    expect(can(admin, "tenant.townships.manage", { tenantId: tenantA })).toBe(true);
    expect(can(admin, "tenant.audit.read", { tenantId: tenantA })).toBe(true);
    expect(can(admin, "tenant.townships.read", { tenantId: tenantB })).toBe(false);
    expect(can(admin, "tenant.users.invite", { tenantId: tenantB })).toBe(false);
    expect(can(admin, "platform.tenants.manage")).toBe(false);
  });

  it("keeps a township operator inside its townships and out of county settings", () => {
    expect(can(operator, "tenant.townships.read", { townshipId: "t1" })).toBe(true);
    expect(can(operator, "tenant.townships.read", { townshipId: "t3" })).toBe(false);
    expect(can(operator, "tenant.townships.manage")).toBe(false);
    expect(can(operator, "tenant.users.invite")).toBe(false);
    expect(can(operator, "tenant.audit.read")).toBe(false);
    expect(townshipsInScope(operator)).toEqual(["t1", "t2"]);
    expect(townshipsInScope(admin)).toBe("all");
  });

  it("lets platform staff onboard counties and read, but not change, their townships", () => {
    expect(can(platform, "platform.tenants.manage")).toBe(true);
    expect(can(platform, "tenant.townships.read", { tenantId: tenantB })).toBe(true);
    expect(can(platform, "tenant.townships.manage", { tenantId: tenantB })).toBe(false);
    expect(can(platform, "tenant.audit.read", { tenantId: tenantB })).toBe(false);
  });

  it("gives a user without any membership nothing", () => {
    expect(can(actor({}), "tenant.townships.read")).toBe(false);
    expect(can(actor({}), "tenant.cases.act")).toBe(false);
  });

  it("keeps station work inside a township operator's townships", () => {
    expect(can(operator, "tenant.stations.manage", { townshipId: "t1" })).toBe(true);
    expect(can(operator, "tenant.stations.manage", { townshipId: "t3" })).toBe(false);
    expect(can(operator, "tenant.stations.read", { townshipId: "t3" })).toBe(false);
    expect(can(operator, "tenant.posts.decide", { townshipId: "t2" })).toBe(true);
    expect(can(operator, "tenant.stationTypes.manage")).toBe(false);
    expect(can(admin, "tenant.stations.manage", { townshipId: "t3" })).toBe(true);
    const deputy = actor({ memberships: [{ role: "deputy", townshipIds: [] }] });
    expect(can(deputy, "tenant.posts.claim")).toBe(true);
    expect(can(deputy, "tenant.stations.manage", { townshipId: "t1" })).toBe(false);
    expect(can(operator, "tenant.posts.claim")).toBe(false);
  });

  it("lets only the county admin change workflows and the calendar", () => {
    expect(can(admin, "tenant.workflows.manage")).toBe(true);
    expect(can(admin, "tenant.calendar.manage")).toBe(true);
    expect(can(operator, "tenant.workflows.manage")).toBe(false);
    expect(can(operator, "tenant.calendar.manage")).toBe(false);
    expect(can(operator, "tenant.cases.start")).toBe(true);
    expect(can(platform, "tenant.workflows.manage", { tenantId: tenantB })).toBe(false);
  });

  it("lets a township operator keep its townships' deputies, communities, grids and ledger, and no other's", () => {
    for (const permission of [
      "tenant.deputies.manage",
      "tenant.communities.manage",
      "tenant.grids.manage",
      "tenant.activities.record",
    ] as const) {
      expect(can(operator, permission, { townshipId: "t1" }), permission).toBe(true);
      expect(can(operator, permission, { townshipId: "t3" }), permission).toBe(false);
      expect(can(admin, permission, { townshipId: "t3" }), permission).toBe(true);
    }
    expect(can(operator, "tenant.activities.read", { townshipId: "t3" })).toBe(false);
    expect(can(operator, "tenant.posts.manage")).toBe(false);
    expect(can(operator, "tenant.handlingUnits.manage")).toBe(false);
    expect(can(admin, "tenant.handlingUnits.manage")).toBe(true);
    expect(can(admin, "tenant.handlingUnits.revealPhone")).toBe(true);
    expect(can(operator, "tenant.handlingUnits.revealPhone")).toBe(false);
  });

  it("lets a township operator run its own townships' livelihood project voting, and the county admin all", () => {
    expect(can(operator, "tenant.voting.manage", { townshipId: "t1" })).toBe(true);
    expect(can(operator, "tenant.voting.manage", { townshipId: "t3" })).toBe(false);
    expect(can(admin, "tenant.voting.manage", { townshipId: "t3" })).toBe(true);
    const liaison = actor({ memberships: [{ role: "station_liaison", townshipIds: ["t1"] }] });
    expect(can(liaison, "tenant.voting.manage", { townshipId: "t1" })).toBe(false);
    expect(can(actor({ memberships: [{ role: "deputy", townshipIds: [] }] }), "tenant.voting.manage")).toBe(false);
  });

  it("lets a liaison officer record the ledger of its townships but not manage stations", () => {
    const liaison = actor({ memberships: [{ role: "station_liaison", townshipIds: ["t1"] }] });
    expect(can(liaison, "tenant.activities.record", { townshipId: "t1" })).toBe(true);
    expect(can(liaison, "tenant.activities.record", { townshipId: "t2" })).toBe(false);
    expect(can(liaison, "tenant.stations.manage", { townshipId: "t1" })).toBe(false);
    expect(can(liaison, "tenant.grids.manage", { townshipId: "t1" })).toBe(false);
  });

  it("knows which handling unit a responder answers for", () => {
    const responder = actor({
      memberships: [{ role: "handling_unit_responder", townshipIds: [], handlingUnitId: "unit-1" }],
    });
    expect(handlingUnitsOf(responder)).toEqual(["unit-1"]);
    expect(handlingUnitsOf(operator)).toEqual([]);
    expect(can(responder, "tenant.handlingUnits.read")).toBe(true);
    expect(can(responder, "tenant.activities.record", { townshipId: "t1" })).toBe(false);
  });

  it("shows the dashboard's figures to the county admin and to township operators for their townships", () => {
    expect(can(admin, "tenant.stats.read", { tenantId: tenantA, townshipId: "t3" })).toBe(true);
    expect(can(admin, "tenant.stats.read", { tenantId: tenantB })).toBe(false);
    expect(can(operator, "tenant.stats.read")).toBe(true);
    expect(can(operator, "tenant.stats.read", { townshipId: "t2" })).toBe(true);
    expect(can(operator, "tenant.stats.read", { townshipId: "t3" })).toBe(false);
    for (const role of ["station_liaison", "deputy", "handling_unit_responder"] as const)
      expect(can(actor({ memberships: [{ role, townshipIds: ["t1"] }] }), "tenant.stats.read"), role).toBe(false);
    expect(can(platform, "tenant.stats.read", { tenantId: tenantA })).toBe(false);
  });

  it("lets every county member read their notifications and only the county admin manage the outbox", () => {
    const responder = actor({
      memberships: [{ role: "handling_unit_responder", townshipIds: [], handlingUnitId: "h1" }],
    });
    expect(can(operator, "tenant.notifications.read", { tenantId: tenantA })).toBe(true);
    expect(can(responder, "tenant.notifications.read")).toBe(true);
    expect(can(admin, "tenant.notifications.read", { tenantId: tenantB })).toBe(false);
    expect(can(platform, "tenant.notifications.read")).toBe(false);
    expect(can(actor({}), "tenant.notifications.read")).toBe(false);
    expect(can(admin, "tenant.outbox.manage", { tenantId: tenantA })).toBe(true);
    expect(can(admin, "tenant.outbox.manage", { tenantId: tenantB })).toBe(false);
    expect(can(operator, "tenant.outbox.manage")).toBe(false);
    expect(can(responder, "tenant.outbox.manage")).toBe(false);
  });

  it("lets the township and the county assign in bulk, and deputies merge as well", () => {
    const deputy = actor({ memberships: [{ role: "deputy", townshipIds: [] }] });
    const liaison = actor({ memberships: [{ role: "station_liaison", townshipIds: ["t1"] }] });
    const responder = actor({
      memberships: [{ role: "handling_unit_responder", townshipIds: [], handlingUnitId: "h1" }],
    });
    for (const permission of ["tenant.cases.assign", "tenant.cases.merge"] as const) {
      expect(can(admin, permission, { tenantId: tenantA }), permission).toBe(true);
      expect(can(operator, permission), permission).toBe(true);
      expect(can(liaison, permission), permission).toBe(false);
      expect(can(responder, permission), permission).toBe(false);
      expect(can(admin, permission, { tenantId: tenantB }), permission).toBe(false);
      expect(can(platform, permission), permission).toBe(false);
    }
    expect(can(deputy, "tenant.cases.assign")).toBe(false);
    expect(can(deputy, "tenant.cases.merge")).toBe(true);
  });

  it("lets only the county admin manage the county's API keys", () => {
    expect(can(admin, "tenant.apiKeys.manage", { tenantId: tenantA })).toBe(true);
    expect(can(admin, "tenant.apiKeys.manage", { tenantId: tenantB })).toBe(false);
    expect(can(operator, "tenant.apiKeys.manage")).toBe(false);
    expect(can(platform, "tenant.apiKeys.manage")).toBe(false);
  });

  it("tells a user who has one role and no other from one who has more", () => {
    const responder = { role: "handling_unit_responder" as const, townshipIds: [], handlingUnitId: "u1" };
    expect(hasOnlyRole(actor({ memberships: [responder] }), "handling_unit_responder")).toBe(true);
    expect(hasOnlyRole(actor({ memberships: [responder, ...admin.memberships] }), "handling_unit_responder")).toBe(
      false,
    );
    expect(hasOnlyRole(actor({ memberships: [] }), "handling_unit_responder")).toBe(false);
  });
});
