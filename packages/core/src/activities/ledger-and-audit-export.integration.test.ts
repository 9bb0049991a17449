import { activities, activityDeputies, deputies } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuditLog } from "../audit/export-audit-log";
import { listAuditLog } from "../audit/list-audit-log";
import { ManualClock } from "../clock";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { attendanceRows } from "./attendance-rows";
import { exportActivities } from "./export-activities";

async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v))));
  });
  return rows;
}

describe.each(testDrivers())("the ledger's and the audit log's exports on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  const clock = new ManualClock(new Date("2026-05-20T02:00:00Z"));
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107", clock)).tenantId;
    await inCounty(async (tx) => {
      const { townshipId, stationId } = await addTestStation(tx, "L1M2N3");
      const [deputy] = await tx.insert(deputies).values({ name: "韦建国", level: "county", townshipId }).returning();
      // 60 entries: more than a page. Half receptions, half mediations; one a day from 1 March.
      for (let i = 0; i < 60; i++) {
        const day = new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10);
        const [row] = await tx
          .insert(activities)
          .values({
            stationId,
            townshipId,
            kind: i % 2 === 0 ? "reception" : "mediation",
            day,
            peopleReceived: i,
            summary: i === 0 ? '=HYPERLINK("x")' : `第${i}次活动`,
          })
          .returning();
        if (i % 10 === 0) await tx.insert(activityDeputies).values(attendanceRows(row!, [deputy!.id]));
      }
      // Last year's entry is outside the default period (this year so far).
      await tx
        .insert(activities)
        .values({ stationId, townshipId, kind: "reception", day: "2025-12-31", summary: "去年" });
    });
  });
  afterAll(() => t.drop());

  it("exports every filtered entry of the ledger, newest first, with kinds and deputies in Chinese", async () => {
    const { bytes } = await inCounty((tx) =>
      exportActivities(tx, admin(), { kind: "reception", from: "2026-03-01", to: "2026-04-29" }),
    );
    const rows = await sheetRows(bytes);
    expect(rows[0]).toEqual([
      "日期",
      "活动类型",
      "乡镇（街道）",
      "站点",
      "参加代表",
      "接待群众（人次）",
      "调解纠纷（起）",
      "安排就业（人次）",
      "活动内容",
      "照片（张）",
    ]);
    expect(rows).toHaveLength(31); // the header and the period's 30 receptions
    expect(rows[1]![0]).toBe("2026-04-28");
    expect(rows.at(-1)![0]).toBe("2026-03-01");
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(["接待日"]));
    expect(rows.filter((r) => r[4] === "韦建国")).toHaveLength(6); // entries 0, 10 … 50
    // A summary that a spreadsheet would run is written as text.
    expect(rows.at(-1)![8]).toBe('\'=HYPERLINK("x")');
  });

  it("exports more than the list's page of 50, and this year so far without a period", async () => {
    const { bytes, period } = await inCounty((tx) => exportActivities(tx, admin(), {}));
    expect(period).toEqual({ from: "2026-01-01", to: "2026-05-20" });
    const rows = await sheetRows(bytes);
    expect(rows).toHaveLength(61);
    expect(rows.some((r) => r[8] === "去年")).toBe(false);
  });

  it("exports the audit log with the page's filter, every row, labelled in Chinese", async () => {
    const query = { action: "station." };
    const page = await inCounty((tx) => listAuditLog(tx, admin(), query));
    // The web app words the detail (its labels of every field); here, a stand-in that shows it is used.
    const detailText = (detail: unknown) => (detail ? `详情${Object.keys(detail as object).length}项` : "");
    const rows = await sheetRows(await inCounty((tx) => exportAuditLog(tx, admin(), query, detailText)));
    expect(rows[0]).toEqual(["序号", "时间", "操作人", "操作", "IP 地址", "详情"]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(page.rows.map((r) => r.seq));
    const all = await sheetRows(await inCounty((tx) => exportAuditLog(tx, admin(), {}, detailText)));
    expect(all.length - 1).toBe((await inCounty((tx) => listAuditLog(tx, admin(), {}))).total);
    expect(all.length).toBeGreaterThan(1);
    // Labels, never the action's identifier.
    expect(all.slice(1).every((r) => !/^[a-zA-Z]+\.[a-z_]+$/.test(r[3]!))).toBe(true);
    expect(all.slice(1).some((r) => /^详情\d+项$/.test(r[5]!))).toBe(true);
    expect(all.slice(1).every((r) => /^(详情\d+项)?$/.test(r[5] ?? ""))).toBe(true);
  });
});
