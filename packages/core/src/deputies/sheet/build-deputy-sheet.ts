import ExcelJS from "exceljs";
import { deputyColumns } from "./columns";
import { deputyLevelNames, type TDeputyField, type TDeputyLevel } from "./deputy-row";
import { neutraliseFormula } from "./formula-guard";

type TText = string | null | undefined;

/** A deputy to export: a parsed row or a directory record, with the township and stations by NAME. */
export type TDeputySheetRow = {
  name: string;
  level: TDeputyLevel;
  term?: TText;
  constituency?: TText;
  township: string;
  stationNames?: readonly string[] | null;
  sector?: TText;
  tags?: readonly string[] | null;
  phone?: TText;
  gender?: TText;
};

export type TBuildDeputySheetOptions = {
  /** Write phone numbers in full; by default they are masked (138****5678). */
  revealPhones?: boolean;
};

/** The worksheet's name in an export. */
export const DEPUTY_SHEET_NAME = "人大代表";

/**
 * The deputy directory as an .xlsx: one header row with the import's Chinese titles
 * (so an export re-imports unchanged, given revealPhones), frozen, with a filter.
 * Every cell is text; text a spreadsheet could run as a formula is neutralised.
 */
export async function buildDeputySheet(
  deputies: readonly TDeputySheetRow[],
  options: TBuildDeputySheetOptions = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rdlink";
  const worksheet = workbook.addWorksheet(DEPUTY_SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1 }],
  });
  worksheet.columns = deputyColumns.map((column) => ({
    header: column.title,
    key: column.field,
    width: column.width,
    // Text format: Excel must not turn phone numbers or 第十八届-like text into numbers or dates.
    style: { numFmt: "@" },
  }));
  const header = worksheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle" };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: deputyColumns.length } };

  for (const deputy of deputies) {
    const values: Record<string, string | null> = {};
    for (const { field } of deputyColumns) {
      const text = cellOf(deputy, field, options.revealPhones === true);
      values[field] = text === "" ? null : neutraliseFormula(text);
    }
    worksheet.addRow(values);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function cellOf(deputy: TDeputySheetRow, field: TDeputyField, revealPhones: boolean): string {
  switch (field) {
    case "level":
      return deputyLevelNames[deputy.level] ?? String(deputy.level ?? "");
    case "stationNames":
    case "tags":
      return (deputy[field] ?? []).join("、");
    case "phone": {
      const phone = (deputy.phone ?? "").trim();
      return revealPhones ? phone : maskPhone(phone);
    }
    default:
      return deputy[field] ?? "";
  }
}

/**
 * A phone number with its middle hidden: 138****5678, 0571-****4321. Anything else keeps
 * at most its first three and last four characters.
 */
export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, "");
  if (p === "") return "";
  const mobile = /^(1\d{2})\d{4}(\d{4})$/.exec(p);
  if (mobile) return `${mobile[1]}****${mobile[2]}`;
  const landline = /^(0\d{2,3}-?)(\d{3,4})(\d{4})$/.exec(p);
  if (landline) return `${landline[1]}${"*".repeat(landline[2]!.length)}${landline[3]}`;
  if (p.length <= 7) return "*".repeat(p.length);
  return `${p.slice(0, 3)}${"*".repeat(p.length - 7)}${p.slice(-4)}`;
}
