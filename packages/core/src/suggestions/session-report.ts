import type { TenantTx } from "@rdlink/db";
import ExcelJS from "exceljs";
import { neutraliseFormula } from "../deputies/sheet/formula-guard";
import type { UseCaseContext } from "../shared/context";
import { getSessionFigures, type TSuggestionFigures } from "./get-session-figures";

export const REPORT_SHEETS = { overview: "办理情况", units: "承办单位" } as const;

/** The report's figures in their order, with the titles a congress office writes. */
export const REPORT_FIGURES: { key: keyof TSuggestionFigures; title: string; rate?: true }[] = [
  { key: "suggestions", title: "建议（件）" },
  { key: "assigned", title: "已交办（件）" },
  { key: "answered", title: "已答复（件）" },
  { key: "answeredOnTime", title: "按期答复（件）" },
  { key: "onTimeRate", title: "按期答复率", rate: true },
  { key: "consulted", title: "答复前后面商（件）" },
  { key: "consultedRate", title: "面商率", rate: true },
  { key: "rated", title: "代表已评价（件）" },
  { key: "satisfied", title: "满意和基本满意（件）" },
  { key: "satisfactionRate", title: "满意率", rate: true },
  { key: "classA", title: "A类（件）" },
  { key: "classAShare", title: "A类占比", rate: true },
  { key: "classB", title: "B类（件）" },
  { key: "classBShare", title: "B类占比", rate: true },
  { key: "classC", title: "C类（件）" },
  { key: "classCShare", title: "C类占比", rate: true },
  { key: "keySupervision", title: "重点建议（件）" },
  { key: "keySupervisionClosed", title: "重点建议办结（件）" },
  { key: "revisited", title: "回头看已核查（件）" },
  { key: "kept", title: "回头看兑现（件）" },
  { key: "keptRate", title: "回头看兑现率", rate: true },
];

/** A share as people write it: 87.5 %, 80 %; "—" when there was nothing to divide. */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${Number((rate * 100).toFixed(1))} %`;
}

/** A rate cell: a number formatted as a percentage, or "—" (never an empty or NaN cell). */
const rateCell = (value: number | null) => value ?? "—";

/**
 * 会议建议办理情况 as .xlsx: the session's figures (办理情况) and the units' league table
 * (承办单位, in the page's order). Rates are numbers shown as percentages.
 */
export async function exportSessionReport(tx: TenantTx, ctx: UseCaseContext, sessionId: string) {
  const figures = await getSessionFigures(tx, ctx, sessionId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rdlink";
  const overview = workbook.addWorksheet(REPORT_SHEETS.overview);
  overview.columns = [{ width: 24 }, { width: 14 }];
  overview.addRow([neutraliseFormula(figures.session.name)]).font = { bold: true };
  overview.addRow(["会期", `${figures.session.opensOn} 至 ${figures.session.closesOn}`]);
  overview.addRow([]);
  overview.addRow(["指标", "数值"]).font = { bold: true };
  for (const figure of REPORT_FIGURES) {
    const value = figures.total[figure.key];
    const row = overview.addRow([figure.title, figure.rate ? rateCell(value) : value]);
    if (figure.rate) row.getCell(2).numFmt = "0.0%";
  }
  const units = workbook.addWorksheet(REPORT_SHEETS.units, { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  units.columns = [
    { header: "排名", width: 8 },
    { header: "承办单位（主办）", width: 24 },
    ...REPORT_FIGURES.map((f) => ({ header: f.title, width: 12, style: f.rate ? { numFmt: "0.0%" } : {} })),
  ];
  units.getRow(1).font = { bold: true };
  units.getRow(1).alignment = { wrapText: true, vertical: "middle" };
  for (const [index, unit] of figures.units.entries()) {
    units.addRow([
      index + 1,
      neutraliseFormula(unit.unitName),
      ...REPORT_FIGURES.map((f) => (f.rate ? rateCell(unit[f.key]) : unit[f.key])),
    ]);
  }
  return { session: figures.session, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
