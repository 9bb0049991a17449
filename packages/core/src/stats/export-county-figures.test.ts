import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildCountyFiguresWorkbook, FIGURE_SHEETS } from "./export-county-figures";
import type { TCountyFigures, TFigures } from "./get-county-figures";

const figures = (overrides: Partial<TFigures> = {}): TFigures => ({
  received: 10,
  open: 4,
  overdue: 1,
  closed: 6,
  avgHandlingDays: 7.5,
  satisfied: 4,
  basic: 1,
  unsatisfied: 1,
  rated: 6,
  satisfactionRate: 5 / 6,
  peopleReceived: 120,
  disputesMediated: 3,
  jobsArranged: 8,
  ...overrides,
});

const sample: TCountyFigures = {
  period: { from: "2026-01-01", to: "2026-06-30" },
  total: figures(),
  townships: [
    { townshipId: "t1", name: "金陵镇", ...figures({ received: 7 }) },
    { townshipId: "t2", name: '=HYPERLINK("http://evil")', ...figures({ received: 3, satisfactionRate: null }) },
  ],
  stations: [{ stationId: "s1", name: "金陵镇联络站", townshipId: "t1", townshipName: "金陵镇", ...figures() }],
  months: [
    { month: "2026-01", received: 4, closed: 2, peopleReceived: 50 },
    { month: "2026-02", received: 6, closed: 4, peopleReceived: 70 },
  ],
  processes: [{ kind: "opinion", received: 8, open: 3, closed: 4 }],
  units: [
    {
      handlingUnitId: "u1",
      name: "区城管局",
      assigned: 3,
      closed: 2,
      closedOnTime: 2,
      onTimeRate: 1,
      rated: 2,
      satisfactionRate: 1,
    },
    {
      handlingUnitId: "u2",
      name: "区住建局",
      assigned: 5,
      closed: 0,
      closedOnTime: 0,
      onTimeRate: null,
      rated: 0,
      satisfactionRate: null,
    },
  ],
};

async function read(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

describe("buildCountyFiguresWorkbook", () => {
  it("writes 总览, 按乡镇, 按站点 and 承办单位 with numbers as numbers", async () => {
    const workbook = await read(await buildCountyFiguresWorkbook(sample));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(FIGURE_SHEETS));

    const overview = workbook.getWorksheet("总览")!;
    expect(overview.getRow(1).values).toEqual([undefined, "统计期间", "2026-01-01 至 2026-06-30"]);
    const value = (title: string) =>
      overview.getColumn(1).values.indexOf(title) > 0
        ? overview.getCell(overview.getColumn(1).values.indexOf(title), 2)
        : undefined;
    expect(value("收到意见建议（件）")?.value).toBe(10);
    expect(value("平均办理时长（天）")?.value).toBe(7.5);
    expect(value("满意率")?.value).toBeCloseTo(5 / 6);
    expect(value("满意率")?.numFmt).toBe("0.0%");
    expect(value("接待群众（人次）")?.value).toBe(120);
    const monthHeader = overview.getColumn(1).values.indexOf("月份");
    expect(overview.getRow(monthHeader + 2).values).toEqual([undefined, "2026-02", 6, 4, 70]);

    const townships = workbook.getWorksheet("按乡镇")!;
    expect(townships.getRow(1).values).toEqual([
      undefined,
      "乡镇（街道）",
      "收到意见建议（件）",
      "在办（件）",
      "逾期（件）",
      "办结（件）",
      "平均办理时长（天）",
      "满意（件）",
      "基本满意（件）",
      "不满意（件）",
      "满意率",
      "接待群众（人次）",
      "调解矛盾纠纷（起）",
      "安排就业（人次）",
    ]);
    expect(townships.getRow(2).getCell(2).value).toBe(7);
    // A name that a spreadsheet would run as a formula stays text.
    expect(townships.getRow(3).getCell(1).value).toBe('\'=HYPERLINK("http://evil")');
    expect(townships.getRow(3).getCell(10).value).toBeNull();

    const stations = workbook.getWorksheet("按站点")!;
    expect(stations.getRow(2).values).toEqual([
      undefined,
      "金陵镇联络站",
      "金陵镇",
      10,
      4,
      1,
      6,
      7.5,
      4,
      1,
      1,
      5 / 6,
      120,
      3,
      8,
    ]);

    const units = workbook.getWorksheet("承办单位")!;
    expect(units.getRow(1).values).toEqual([
      undefined,
      "排名",
      "承办单位",
      "交办（件）",
      "办结（件）",
      "按时办结（件）",
      "按时办结率",
      "已评价（件）",
      "满意率",
    ]);
    expect(units.getRow(2).values).toEqual([undefined, 1, "区城管局", 3, 2, 2, 1, 2, 1]);
    // A unit that closed nothing has no shares: empty cells, not 0 %.
    const row = units.getRow(3);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => row.getCell(c).value)).toEqual([2, "区住建局", 5, 0, 0, null, 0, null]);
  });
});
