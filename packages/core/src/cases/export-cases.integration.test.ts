import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { entryWorkflows } from "./entry-workflows";
import { exportCases } from "./export-cases";
import { listCases } from "./list-cases";
import { registerCase } from "./register-case";

/** The rows of an export's first sheet, as text, header first. */
async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v))));
  });
  return rows;
}

describe.each(testDrivers())("the case list's sorting, date filters and export on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  const clock = new ManualClock(new Date("2026-03-02T02:00:00Z")); // 10:00 in Shanghai
  const admin = () => ({ actor: memberOf(tenantId, "county_admin"), ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const titles = async (query: Record<string, unknown>) =>
    (await inCounty((tx) => listCases(tx, admin(), { view: "all", ...query }))).cases.map((c) => c.title);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107", clock)).tenantId;
    ({ townshipId } = await inCounty((tx) => addTestStation(tx, "X1Y2Z3")));
    const workflowId = (await inCounty((tx) => entryWorkflows(tx, admin().actor))).find(
      (w) => w.definition.name["zh-CN"] === "信访件办理",
    )!.workflowId;
    // One letter a day, 2 to 6 March (Shanghai), titled so that text order and number order differ.
    for (const [day, n] of [
      ["02", 2],
      ["03", 10],
      ["04", 1],
      ["05", 3],
      ["06", 20],
    ] as const) {
      clock.set(new Date(`2026-03-${day}T09:00:00+08:00`));
      await inCounty((tx) =>
        registerCase(tx, admin(), {
          workflowId,
          townshipId,
          channel: "letter",
          data: { summary: `来信第${n}号`, petitioner: "张某" },
        }),
      );
    }
    // A day's edge: 23:30 on 6 March in Shanghai is 15:30 UTC, still the 6th.
    clock.set(new Date("2026-03-06T23:30:00+08:00"));
    await inCounty((tx) =>
      registerCase(tx, admin(), {
        workflowId,
        townshipId,
        channel: "letter",
        data: { summary: "深夜来信", petitioner: "李某" },
      }),
    );
    clock.set(new Date("2026-03-09T10:00:00+08:00"));
  });
  afterAll(() => t.drop());

  it("sorts by the received time either way, and by title with numbers by value", async () => {
    expect(await titles({ sort: "received" })).toEqual([
      "来信第2号",
      "来信第10号",
      "来信第1号",
      "来信第3号",
      "来信第20号",
      "深夜来信",
    ]);
    expect(await titles({ sort: "-received" })).toEqual([
      "深夜来信",
      "来信第20号",
      "来信第3号",
      "来信第1号",
      "来信第10号",
      "来信第2号",
    ]);
    expect((await titles({ sort: "title" })).slice(0, 5)).toEqual([
      "来信第1号",
      "来信第2号",
      "来信第3号",
      "来信第10号",
      "来信第20号",
    ]);
    expect((await titles({ sort: "-title" })).slice(1)).toEqual([
      "来信第20号",
      "来信第10号",
      "来信第3号",
      "来信第2号",
      "来信第1号",
    ]);
  });

  it("filters by the day received in Shanghai, both ends included; ignores malformed days and sorts", async () => {
    expect(await titles({ sort: "received", from: "2026-03-03", to: "2026-03-05" })).toEqual([
      "来信第10号",
      "来信第1号",
      "来信第3号",
    ]);
    expect(await titles({ sort: "received", from: "2026-03-06" })).toEqual(["来信第20号", "深夜来信"]);
    expect(await titles({ sort: "received", to: "2026-03-02" })).toEqual(["来信第2号"]);
    const bad = await inCounty((tx) =>
      listCases(tx, admin(), { view: "all", from: "2026-02-30", to: "tomorrow", sort: "drop table" }),
    );
    expect(bad.query).toMatchObject({ from: undefined, to: undefined, sort: "due" });
    expect(bad.total).toBe(6);
  });

  it("exports every page of the filtered list in its order, in Chinese", async () => {
    // A page size of 2 shows one page; the export has all three rows the filters keep.
    const query = { view: "all", sort: "-received", from: "2026-03-03", to: "2026-03-05", pageSize: "2", page: "2" };
    expect((await inCounty((tx) => listCases(tx, admin(), query))).cases).toHaveLength(1);
    const rows = await sheetRows(await inCounty((tx) => exportCases(tx, admin(), query)));
    expect(rows[0]).toEqual([
      "查询码",
      "标题",
      "类别",
      "来源渠道",
      "环节",
      "状态",
      "期限",
      "办理期限",
      "站点",
      "乡镇（街道）",
      "承办单位",
      "收到时间",
      "办结时间",
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["来信第3号", "来信第1号", "来信第10号"]);
    const [first] = rows.slice(1);
    expect(first![3]).toBe("来信登记");
    expect(first![5]).toBe("办理中");
    expect(first![11]).toBe("2026-03-05 09:00");
    // No identifiers of the workflow or its states leak into the sheet.
    expect(rows.flat().join(" ")).not.toMatch(/\b(letter|active|registered|overdue|onTime|none)\b/);
  });

  it("keeps the export to what the actor may see", async () => {
    const outsider = { actor: memberOf(tenantId, "township_operator", [crypto.randomUUID()]), ip: null, clock };
    const rows = await sheetRows(await inCounty((tx) => exportCases(tx, outsider, { view: "all" })));
    expect(rows).toHaveLength(1);
  });
});
