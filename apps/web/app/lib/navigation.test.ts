import type { Actor } from "@rdlink/auth";
import { homePath } from "@rdlink/auth";
import { resources } from "@rdlink/i18n";
import { describe, expect, it } from "vitest";
import { navigationOf } from "./navigation";

const county = "00000000-0000-4000-8000-000000000001";
const township = "00000000-0000-4000-8000-000000000002";
const actor = (memberships: Actor["memberships"], teams: string[] = []): Actor => ({
  userId: "00000000-0000-4000-8000-000000000003",
  username: "u",
  displayName: "u",
  platformRole: null,
  tenantId: county,
  memberships,
  teams,
});
const entries = (a: Actor) => navigationOf(a).flatMap((group) => group.items.map((item) => item.to));

describe("the menu and the landing page of each role", () => {
  it("gives the county admin every console page, the overview first, and lands it there", () => {
    const admin = actor([{ role: "county_admin", townshipIds: [] }]);
    expect(homePath(admin)).toBe("/county");
    expect(entries(admin)[0]).toBe("/county");
    expect(entries(admin)).toEqual(
      expect.arrayContaining([
        "/county/users",
        "/county/workflows",
        "/county/audit",
        "/county/stations",
        "/county/sessions",
        "/county/revisits",
        "/county/voting",
        "/work",
      ]),
    );
    expect(entries(admin)).not.toContain("/desk");
    expect(navigationOf(admin).map((group) => group.key)).toEqual(["work", "organization", "setup", "system"]);
  });

  it("lands everyone else on their desk, which their menu starts with", () => {
    for (const role of ["township_operator", "station_liaison", "deputy", "handling_unit_responder"] as const) {
      const member = actor([{ role, townshipIds: [township] }]);
      expect(homePath(member), role).toBe("/desk");
      expect(entries(member)[0], role).toBe("/desk");
      expect(entries(member), role).not.toContain("/county/users");
    }
  });

  it("leaves the county's directories out of a handling unit's and a deputy's menu", () => {
    for (const role of ["deputy", "handling_unit_responder"] as const) {
      expect(entries(actor([{ role, townshipIds: [] }])), role).toEqual(["/desk", "/work"]);
    }
    expect(entries(actor([{ role: "township_operator", townshipIds: [township] }]))).toEqual([
      "/desk",
      "/work",
      "/county/dashboard",
      "/county/ledger",
      "/county/consultations",
      "/county/townships",
      "/county/stations",
      "/county/station-reviews",
      "/county/deputies",
      "/county/deputy-records",
      "/county/pairs",
      "/county/duty-posts",
      "/county/grids",
      "/county/handling-units",
      "/county/voting",
    ]);
  });

  it("names the desk and the case list so that they cannot be taken for one another", () => {
    const label = (key: string) =>
      key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources["zh-CN"].translation);
    const member = actor([{ role: "township_operator", townshipIds: [township] }]);
    const names = Object.fromEntries(
      navigationOf(member).flatMap((group) => group.items.map((item) => [item.to, label(item.labelKey)])),
    );
    expect(names["/desk"]).toBe("我的工作台");
    expect(names["/work"]).toBe("案件办理");
    // No two entries share a name, nor does one contain another's (工作台 inside 我的工作台).
    const all = Object.values(names) as string[];
    for (const a of all) for (const b of all) if (a !== b) expect(a.includes(b), `${a} / ${b}`).toBe(false);
  });

  it("gives the platform operator the counties and the platform's audit log", () => {
    const operator: Actor = { ...actor([]), platformRole: "operator", tenantId: null };
    expect(homePath(operator)).toBe("/platform");
    expect(entries(operator)).toEqual(["/platform", "/platform/onboard", "/platform/templates", "/platform/audit"]);
  });
});
