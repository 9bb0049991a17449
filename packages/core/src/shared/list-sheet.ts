import ExcelJS from "exceljs";
import { neutraliseFormula } from "../deputies/sheet/formula-guard";

/** A column of a list's export: its Chinese header, its width and how a row gives its cell. */
export type TSheetColumn<T> = { header: string; width: number; value: (row: T) => string | number | null };

/** Most rows an export writes: a list filtered past this is refused by its use case. */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * One sheet of a list as the page shows it: a bold, frozen header row, then a row per item.
 * Text that a spreadsheet could run as a formula is neutralised, as in the deputies' export.
 */
export async function buildListSheet<T>(name: string, columns: TSheetColumn<T>[], rows: T[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rdlink";
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows)
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        return typeof value === "string" ? neutraliseFormula(value) : (value ?? "");
      }),
    );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An instant as Asia/Shanghai local time, "2026-03-05 14:07". */
export function shanghaiTime(instant: Date | null): string {
  if (!instant) return "";
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(instant);
}
