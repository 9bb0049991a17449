import { describe, expect, it } from "vitest";
import { type Actor, can, townshipsInScope } from "./permissions";

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
});
