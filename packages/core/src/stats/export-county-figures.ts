import type { TenantTx } from "@rdlink/db";
import ExcelJS from "exceljs";
import { neutraliseFormula } from "../deputies/sheet/formula-guard";
import type { UseCaseContext } from "../shared/context";
import { getCountyFigures, type TCountyFigures, type TFigures } from "./get-county-figures";

export const FIGURE_SHEETS = { overview: "总览", townships: "按乡镇", stations: "按站点", units: "承办单位" } as const;

/** The columns of the township and station sheets, after the name(s). */
const FIGURE_COLUMNS: { key: keyof TFigures; title: string; percent?: true }[] = [
  { key: "received", title: "收到意见建议（件）" },
  { key: "open", title: "在办（件）" },
  { key: "overdue", title: "逾期（件）" },
  { key: "closed", title: "办结（件）" },
  { key: "avgHandlingDays", title: "平均办理时长（天）" },
  { key: "satisfied", title: "满意（件）" },
  { key: "basic", title: "基本满意（件）" },
  { key: "unsatisfied", title: "不满意（件）" },
  { key: "satisfactionRate", title: "满意率", percent: true },
  { key: "peopleReceived", title: "接待群众（人次）" },
  { key: "disputesMediated", title: "调解矛盾纠纷（起）" },
  { key: "jobsArranged", title: "安排就业（人次）" },
];

/** The dashboard's figures for the period and filters as an .xlsx (same input and scope as getCountyFigures). */
export async function exportCountyFigures(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: unknown,
  now = ctx.clock.now(),
): Promise<Uint8Array> {
  return buildCountyFiguresWorkbook(await getCountyFigures(tx, ctx, input, now));
}

/**
 * Four sheets: 总览 (the period's figures and the months), 按乡镇, 按站点 and 承办单位 (the
 * league table). Numbers are numbers, shares are percentages; names are text that a
 * spreadsheet could run as a formula are neutralised.
 */
export async function buildCountyFiguresWorkbook(figures: TCountyFigures): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rdlink";
  const text = (value: string) => neutraliseFormula(value);

  const overview = workbook.addWorksheet(FIGURE_SHEETS.overview);
  overview.columns = [{ width: 22 }, { width: 14 }, { width: 14 }, { width: 18 }];
  overview.addRow(["统计期间", `${figures.period.from} 至 ${figures.period.to}`]);
  overview.addRow([]);
  overview.addRow(["指标", "数值"]).font = { bold: true };
  for (const column of FIGURE_COLUMNS) {
    const row = overview.addRow([column.title, figures.total[column.key]]);
    if (column.percent) row.getCell(2).numFmt = "0.0%";
  }
  overview.addRow([]);
  overview.addRow(["月份", "收到意见建议（件）", "办结（件）", "接待群众（人次）"]).font = { bold: true };
  for (const month of figures.months)
    overview.addRow([month.month, month.received, month.closed, month.peopleReceived]);

  const table = (name: string, leading: { title: string; width: number }[], rows: (string | TFigures)[][]) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: leading.length, ySplit: 1 }] });
    sheet.columns = [
      ...leading.map((c) => ({ header: c.title, width: c.width })),
      ...FIGURE_COLUMNS.map((c) => ({ header: c.title, width: 12, style: c.percent ? { numFmt: "0.0%" } : {} })),
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: "middle" };
    for (const row of rows) {
      const names = row.slice(0, -1) as string[];
      const values = row.at(-1) as TFigures;
      sheet.addRow([...names.map(text), ...FIGURE_COLUMNS.map((c) => values[c.key])]);
    }
  };
  table(
    FIGURE_SHEETS.townships,
    [{ title: "乡镇（街道）", width: 18 }],
    figures.townships.map((t) => [t.name, t]),
  );
  table(
    FIGURE_SHEETS.stations,
    [
      { title: "站点", width: 28 },
      { title: "乡镇（街道）", width: 16 },
    ],
    figures.stations.map((s) => [s.name, s.townshipName, s]),
  );

  const units = workbook.addWorksheet(FIGURE_SHEETS.units, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  units.columns = [
    { header: "排名", width: 8 },
    { header: "承办单位", width: 24 },
    { header: "交办（件）", width: 12 },
    { header: "办结（件）", width: 12 },
    { header: "按时办结（件）", width: 14 },
    { header: "按时办结率", width: 12, style: { numFmt: "0.0%" } },
    { header: "已评价（件）", width: 12 },
    { header: "满意率", width: 12, style: { numFmt: "0.0%" } },
  ];
  units.getRow(1).font = { bold: true };
  for (const [index, unit] of figures.units.entries()) {
    units.addRow([
      index + 1,
      text(unit.name),
      unit.assigned,
      unit.closed,
      unit.closedOnTime,
      unit.onTimeRate,
      unit.rated,
      unit.satisfactionRate,
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
