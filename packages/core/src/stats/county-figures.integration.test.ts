import { PermissionDenied } from "@rdlink/auth";
import { activities, cases, handlingUnits, stations, stationTypes, townships, workflowVersions } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../clock";
import { NotFoundError, ValidationError } from "../shared/errors";
import { type countyAdminOf, memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { exportCountyFigures } from "./export-county-figures";
import { getCountyFigures } from "./get-county-figures";

/** March and April 2026 in Asia/Shanghai; "now" is 1 July 2026, noon. */
const PERIOD = { from: "2026-03-01", to: "2026-04-30" };
const NOW = new Date("2026-07-01T04:00:00Z");
const at = (iso: string) => new Date(iso);

const zeroFigures = {
  received: 0,
  open: 0,
  overdue: 0,
  closed: 0,
  avgHandlingDays: null,
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
  rated: 0,
  satisfactionRate: null,
  peopleReceived: 0,
  disputesMediated: 0,
  jobsArranged: 0,
};

describe.each(testDrivers())("county figures on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: { actor: ReturnType<typeof countyAdminOf>; ip: null; clock: Clock };
  let jinlingOperator: { actor: ReturnType<typeof memberOf>; ip: null; clock: Clock };
  const ids = {} as Record<"jinling" | "shuangding" | "sa" | "sa2" | "sb" | "u1" | "u2" | "u3", string>;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const figures = (ctx: typeof admin, input: object = {}) =>
    inCounty((tx) => getCountyFigures(tx, ctx, { ...PERIOD, ...input }, NOW));

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db);
    tenantId = county.tenantId;
    admin = { actor: county.admin, ip: null, clock: systemClock };
    await inCounty(async (tx) => {
      const rows = await tx.select().from(townships);
      ids.jinling = rows.find((r) => r.name === "金陵镇")!.id;
      ids.shuangding = rows.find((r) => r.name === "双定镇")!.id;
      const [type] = await tx.select().from(stationTypes).where(eq(stationTypes.name, "人大代表联络站"));
      const made = await tx
        .insert(stations)
        .values([
          { stationTypeId: type!.id, townshipId: ids.jinling, name: "金陵镇联络站", code: "JL0001" },
          { stationTypeId: type!.id, townshipId: ids.jinling, name: "金陵镇议事亭", code: "JL0002" },
          { stationTypeId: type!.id, townshipId: ids.shuangding, name: "双定镇联络站", code: "SD0001" },
        ])
        .returning();
      [ids.sa, ids.sa2, ids.sb] = made.map((s) => s.id) as [string, string, string];
      const units = await tx
        .insert(handlingUnits)
        .values([{ name: "区住建局" }, { name: "区教育局" }, { name: "区城管局" }])
        .returning();
      [ids.u1, ids.u2, ids.u3] = units.map((u) => u.id) as [string, string, string];
      const [version] = await tx.select().from(workflowVersions);
      const base = {
        kind: "opinion",
        workflowId: version!.workflowId,
        versionId: version!.id,
        seq: 1,
        state: "registered",
        stateEnteredSeq: 1,
        snapshot: {},
      };
      type Row = typeof cases.$inferInsert;
      const open = (row: Partial<Row>): Row => ({ ...base, status: "active", ...row });
      const closed = (row: Partial<Row>): Row => ({ ...base, status: "active", state: "closed", ...row });
      const inJinling = { townshipId: ids.jinling, stationId: ids.sa };
      const inShuangding = { townshipId: ids.shuangding, stationId: ids.sb };
      await tx.insert(cases).values([
        // 1: received and closed in March within its deadline, 满意 (10 days).
        closed({
          ...inJinling,
          handlingUnitId: ids.u1,
          createdAt: at("2026-03-02T02:00:00Z"),
          closedAt: at("2026-03-12T02:00:00Z"),
          satisfaction: "satisfied",
        }),
        // 2: closed after passing a deadline, 基本满意 (20 days).
        closed({
          ...inJinling,
          handlingUnitId: ids.u1,
          createdAt: at("2026-03-10T02:00:00Z"),
          overdueAt: at("2026-03-25T02:00:00Z"),
          closedAt: at("2026-03-30T02:00:00Z"),
          satisfaction: "basic",
        }),
        // 3: being handled, its deadline passed before now.
        open({
          ...inJinling,
          state: "handling",
          handlingUnitId: ids.u2,
          createdAt: at("2026-04-01T02:00:00Z"),
          dueAt: at("2026-04-20T16:00:00Z"),
        }),
        // 4: still registered at the other station, deadline ahead.
        open({
          townshipId: ids.jinling,
          stationId: ids.sa2,
          createdAt: at("2026-04-05T02:00:00Z"),
          dueAt: at("2026-07-10T16:00:00Z"),
        }),
        // 5: received in February, closed in March 不满意 (13 days): closed in the period, not received.
        closed({
          ...inShuangding,
          handlingUnitId: ids.u2,
          createdAt: at("2026-02-20T02:00:00Z"),
          closedAt: at("2026-03-05T02:00:00Z"),
          satisfaction: "unsatisfied",
        }),
        // 6: 3 days, 满意.
        closed({
          ...inShuangding,
          handlingUnitId: ids.u3,
          createdAt: at("2026-03-15T02:00:00Z"),
          closedAt: at("2026-03-18T02:00:00Z"),
          satisfaction: "satisfied",
        }),
        // 7: the period's last second in Asia/Shanghai; once overdue (sticky), now with a deadline ahead.
        open({
          ...inShuangding,
          createdAt: at("2026-04-30T15:59:59Z"),
          overdueAt: at("2026-05-20T02:00:00Z"),
          dueAt: at("2026-07-30T16:00:00Z"),
        }),
        // 8: 1 May 00:00 in Asia/Shanghai: after the period, in nothing.
        open({ ...inShuangding, createdAt: at("2026-04-30T16:00:00Z"), dueAt: at("2026-05-01T16:00:00Z") }),
        // 9: 1 March 00:00 in Asia/Shanghai: received in the period, closed after it.
        closed({
          ...inJinling,
          handlingUnitId: ids.u1,
          createdAt: at("2026-02-28T16:00:00Z"),
          closedAt: at("2026-05-02T02:00:00Z"),
          satisfaction: "satisfied",
        }),
        // 10: received in January, still open: counts as open, not as received.
        open({ ...inJinling, createdAt: at("2026-01-10T02:00:00Z") }),
        // 11: started without a station: the county's total only.
        open({ createdAt: at("2026-03-20T02:00:00Z") }),
      ]);
      const entry = { kind: "reception" as const, summary: "接待日" };
      await tx.insert(activities).values([
        { ...entry, ...inJinling, day: "2026-03-15", peopleReceived: 12, disputesMediated: 1 },
        { ...entry, ...inJinling, day: "2026-04-30", peopleReceived: 5, jobsArranged: 3 },
        { ...entry, ...inShuangding, day: "2026-02-28", peopleReceived: 100, disputesMediated: 9, jobsArranged: 9 },
        { ...entry, ...inShuangding, day: "2026-03-01", peopleReceived: 7, disputesMediated: 2 },
        { ...entry, ...inShuangding, day: "2026-05-01", peopleReceived: 50 },
      ]);
    });
    jinlingOperator = { actor: memberOf(tenantId, "township_operator", [ids.jinling]), ip: null, clock: systemClock };
  });
  afterAll(() => t.drop());

  const jinlingFigures = {
    received: 5,
    open: 3,
    overdue: 1,
    closed: 2,
    avgHandlingDays: 15,
    satisfied: 1,
    basic: 1,
    unsatisfied: 0,
    rated: 2,
    satisfactionRate: 1,
    peopleReceived: 17,
    disputesMediated: 1,
    jobsArranged: 3,
  };
  const shuangdingFigures = {
    received: 2,
    open: 1,
    overdue: 1,
    closed: 2,
    avgHandlingDays: 8,
    satisfied: 1,
    basic: 0,
    unsatisfied: 1,
    rated: 2,
    satisfactionRate: 0.5,
    peopleReceived: 7,
    disputesMediated: 2,
    jobsArranged: 0,
  };

  it("counts the county's figures for the period in Asia/Shanghai days", async () => {
    const result = await figures(admin);
    expect(result.period).toEqual(PERIOD);
    expect(result.total).toEqual({
      received: 8,
      open: 5,
      overdue: 2,
      closed: 4,
      avgHandlingDays: 11.5,
      satisfied: 2,
      basic: 1,
      unsatisfied: 1,
      rated: 4,
      satisfactionRate: 0.75,
      peopleReceived: 24,
      disputesMediated: 3,
      jobsArranged: 3,
    });
  });

  it("breaks them down by township and by station, with every township and station of the scope", async () => {
    const result = await figures(admin);
    expect(result.townships).toHaveLength(15); // 西乡塘区 has 15 towns and streets
    expect(result.townships.find((r) => r.townshipId === ids.jinling)).toEqual({
      townshipId: ids.jinling,
      name: "金陵镇",
      ...jinlingFigures,
    });
    expect(result.townships.find((r) => r.townshipId === ids.shuangding)).toMatchObject(shuangdingFigures);
    for (const row of result.townships.filter((r) => r.townshipId !== ids.jinling && r.townshipId !== ids.shuangding))
      expect(row).toMatchObject(zeroFigures);
    expect(result.stations.map((s) => [s.name, s.townshipName])).toEqual([
      ["金陵镇联络站", "金陵镇"],
      ["金陵镇议事亭", "金陵镇"],
      ["双定镇联络站", "双定镇"],
    ]);
    expect(result.stations[0]).toMatchObject({ ...jinlingFigures, received: 4, open: 2, overdue: 1 });
    expect(result.stations[1]).toMatchObject({ ...zeroFigures, received: 1, open: 1 });
    expect(result.stations[2]).toMatchObject(shuangdingFigures);
  });

  it("gives a monthly series over the whole period", async () => {
    const result = await figures(admin);
    expect(result.months).toEqual([
      { month: "2026-03", received: 5, closed: 4, peopleReceived: 19 },
      { month: "2026-04", received: 3, closed: 0, peopleReceived: 5 },
    ]);
    const year = await figures(admin, { from: "2026-01-01", to: "2026-12-31" });
    expect(year.months.map((m) => m.month)).toHaveLength(12);
    expect(year.months[1]).toEqual({ month: "2026-02", received: 1, closed: 0, peopleReceived: 100 });
    expect(year.months[4]).toEqual({ month: "2026-05", received: 1, closed: 1, peopleReceived: 50 });
  });

  it("ranks the handling units by on-time share, then satisfaction", async () => {
    const result = await figures(admin);
    expect(result.units).toEqual([
      {
        handlingUnitId: ids.u3,
        name: "区城管局",
        assigned: 1,
        closed: 1,
        closedOnTime: 1,
        onTimeRate: 1,
        rated: 1,
        satisfactionRate: 1,
      },
      {
        handlingUnitId: ids.u2,
        name: "区教育局",
        assigned: 1,
        closed: 1,
        closedOnTime: 1,
        onTimeRate: 1,
        rated: 1,
        satisfactionRate: 0,
      },
      {
        handlingUnitId: ids.u1,
        name: "区住建局",
        assigned: 3,
        closed: 2,
        closedOnTime: 1,
        onTimeRate: 0.5,
        rated: 2,
        satisfactionRate: 1,
      },
    ]);
  });

  it("narrows to a township or a station", async () => {
    const township = await figures(admin, { townshipId: ids.shuangding });
    expect(township.total).toEqual(shuangdingFigures);
    expect(township.townships.map((r) => r.name)).toEqual(["双定镇"]);
    expect(township.stations.map((r) => r.name)).toEqual(["双定镇联络站"]);
    const station = await figures(admin, { stationId: ids.sa2 });
    expect(station.total).toEqual({ ...zeroFigures, received: 1, open: 1 });
    expect(station.stations.map((r) => r.name)).toEqual(["金陵镇议事亭"]);
  });

  it("shows a township operator only their townships, and refuses another's", async () => {
    const result = await figures(jinlingOperator);
    expect(result.total).toEqual(jinlingFigures);
    expect(result.townships.map((r) => r.name)).toEqual(["金陵镇"]);
    expect(result.stations.map((r) => r.name)).toEqual(["金陵镇联络站", "金陵镇议事亭"]);
    expect(result.units.map((u) => [u.name, u.assigned, u.closed, u.onTimeRate])).toEqual([
      ["区住建局", 3, 2, 0.5],
      ["区教育局", 1, 0, null],
    ]);
    await expect(figures(jinlingOperator, { townshipId: ids.shuangding })).rejects.toBeInstanceOf(PermissionDenied);
    await expect(figures(jinlingOperator, { stationId: ids.sb })).rejects.toBeInstanceOf(NotFoundError);
    const liaison = { actor: memberOf(tenantId, "station_liaison", [ids.jinling]), ip: null, clock: systemClock };
    await expect(figures(liaison)).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(figures(admin, { from: "2026-05-01", to: "2026-04-01" })).rejects.toBeInstanceOf(ValidationError);
    await expect(figures(admin, { from: "2026-5-1" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("exports the figures as a workbook of four sheets", async () => {
    const bytes = await inCounty((tx) => exportCountyFigures(tx, admin, PERIOD, NOW));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["总览", "按乡镇", "按站点", "承办单位"]);
    const byTownship = workbook.getWorksheet("按乡镇")!;
    const jinlingRow = byTownship
      .getSheetValues()
      .find((row) => Array.isArray(row) && row[1] === "金陵镇") as unknown[];
    expect(jinlingRow.slice(1, 6)).toEqual(["金陵镇", 5, 3, 1, 2]);
  });
});
