import { handlingUnits, memberships, stations, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { listHandlingUnits } from "../handling-units/list-handling-units";
import { listStations } from "../stations/list-stations";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { listUsers } from "../users/list-users";
import { byName, naturalCompare, naturalOrder } from "./natural-order";

const NUMBERED = ["liaison-10", "liaison-2", "liaison-1", "liaison-9", "liaison-3"];
const IN_ORDER = ["liaison-1", "liaison-2", "liaison-3", "liaison-9", "liaison-10"];

describe("natural order in memory", () => {
  it("sorts numbers by value, case aside, Chinese by pinyin", () => {
    expect([...NUMBERED].sort(naturalCompare)).toEqual(IN_ORDER);
    expect(["联络站10", "联络站2", "Liaison-3", "liaison-1"].sort(naturalCompare)).toEqual([
      "联络站2",
      "联络站10",
      "liaison-1",
      "Liaison-3",
    ]);
    expect(["中华站", "安吉站", "北湖站"].sort(naturalCompare)).toEqual(["安吉站", "北湖站", "中华站"]);
    expect([{ name: "b2" }, { name: "b10" }, { name: "a" }].sort(byName()).map((x) => x.name)).toEqual([
      "a",
      "b2",
      "b10",
    ]);
  });
});

describe.each(testDrivers())("natural order of names on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
  });
  afterAll(() => t.drop());

  it("computes the same key on either database: digit runs by value, several runs, text bytewise", async () => {
    const names = ["A2-10", "A2-9", "A10-1", "A2", "b", "B", "第3组", "第12组", "x007", "x7"];
    const values = sql`(values ${sql.join(
      names.map((n) => sql`(${n})`),
      sql`, `,
    )}) v(n)`;
    const ordered = await t.db.withoutTenant((tx) =>
      tx
        .select({ n: sql<string>`n` })
        .from(values)
        .orderBy(naturalOrder(sql.raw("n")), sql`n collate "C"`),
    );
    expect(ordered.map((r) => r.n)).toEqual([
      "A2",
      "A2-9",
      "A2-10",
      "A10-1",
      "B",
      "b",
      "x7",
      "x007",
      "第3组",
      "第12组",
    ]);
  });

  it("lists stations, handling units and users with numbers by value", async () => {
    await inCounty(async (tx) => {
      const { townshipId } = await addTestStation(tx, "N1A2T3");
      const [first] = await tx.select().from(stations);
      for (const [i, name] of NUMBERED.entries())
        await tx.insert(stations).values({ stationTypeId: first!.stationTypeId, townshipId, name, code: `NAT00${i}` });
      for (const name of NUMBERED) await tx.insert(handlingUnits).values({ name: `区${name}` });
    });
    for (const name of NUMBERED) {
      const [user] = await t.db.withoutTenant((tx) =>
        tx.insert(users).values({ username: name, displayName: name, homeTenantId: tenantId }).returning(),
      );
      await inCounty((tx) => tx.insert(memberships).values({ userId: user!.id, role: "station_liaison" }));
    }
    const stationNames = (await inCounty((tx) => listStations(tx, admin(), { pageSize: 200 }))).rows.map((s) => s.name);
    expect(stationNames.filter((n) => n.startsWith("liaison-"))).toEqual(IN_ORDER);
    const unitNames = (await inCounty((tx) => listHandlingUnits(tx, admin(), { pageSize: 200 }))).rows.map(
      (u) => u.name,
    );
    expect(unitNames.filter((n) => n.startsWith("区liaison-"))).toEqual(IN_ORDER.map((n) => `区${n}`));
    const usernames = (await inCounty((tx) => listUsers(tx, admin()))).map((u) => u.username);
    expect(usernames.filter((n) => n.startsWith("liaison-"))).toEqual(IN_ORDER);
  });
});
