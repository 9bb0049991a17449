import type { TenantTx } from "@rdlink/db";
import { deputyLevelNames } from "../deputies/sheet";
import type { UseCaseContext } from "../shared/context";
import { buildListSheet, type TSheetColumn } from "../shared/list-sheet";
import { deputyRecordRows } from "./list-deputy-records";
import { RECORD_FIGURES } from "./record-labels";

type TRow = Awaited<ReturnType<typeof deputyRecordRows>>["rows"][number];

const COLUMNS: TSheetColumn<TRow>[] = [
  { header: "代表", width: 12, value: (r) => r.name },
  { header: "层级", width: 12, value: (r) => deputyLevelNames[r.level] },
  { header: "所属乡镇（街道）", width: 16, value: (r) => r.townshipName },
  ...RECORD_FIGURES.map(({ key, label }) => ({ header: label, width: 12, value: (r: TRow) => r.record[key] })),
];
/** 考核得分 (decision 0027), once the county has rules or the year a published table. */
const SCORE: TSheetColumn<TRow> = { header: "考核得分", width: 10, value: (r) => r.score ?? "" };

/** The year's 履职档案 of every deputy in scope, in the page's order (every page), as .xlsx. */
export async function exportDeputyRecords(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { year, rows, scoring } = await deputyRecordRows(tx, ctx, input, { paged: false });
  const columns = scoring.scored ? [...COLUMNS, SCORE] : COLUMNS;
  return { year, bytes: await buildListSheet(`${year}年代表履职档案`, columns, rows) };
}
