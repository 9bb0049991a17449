import ExcelJS from "exceljs";
import { ValidationError } from "../../shared/errors";
import { deputyColumns, fieldOfHeader, requiredFields } from "./columns";
import { decodeCsv, guessDelimiter, readCsvRecords } from "./csv";
import { normaliseKey, type TDeputyField, type TDeputyRow, ZDeputyRow } from "./deputy-row";
import { restoreNeutralised } from "./formula-guard";

/** At most this many deputies per file. */
export const MAX_DEPUTY_ROWS = 20_000;

/** Title rows above the header (e.g. "××县人大代表名册") that the header search looks past. */
const HEADER_SEARCH_ROWS = 10;

/**
 * A file that is not a readable .xlsx or .csv, or one that is too large. The message is an
 * i18n key; as a ValidationError it becomes a 400 with that key as the form error.
 */
export class SheetFormatError extends ValidationError {
  constructor(messageKey: "errors.sheetFormat" | "errors.sheetUnreadable" | "errors.sheetTooLarge") {
    super({ file: messageKey }, messageKey);
    this.name = "SheetFormatError";
  }
}

/** A valid row with its township resolved; `row` is its spreadsheet row number. */
export type TParsedDeputy = TDeputyRow & { row: number; townshipId: string };

/** A problem with one cell: `row` is the spreadsheet row (header = 1), `field` a deputy field, `message` an i18n key. */
export type TSheetError = { row: number; field: string; message: string };

export type TParseDeputySheetOptions = {
  /** The county's townships: names in the sheet resolve to these ids. */
  townships: readonly { id: string; name: string }[];
  /** Deputies already in the directory: the same name in the same township is a duplicate. */
  existing?: readonly { name: string; townshipId: string }[];
};

type TSheetRow = { row: number; cells: string[] };

/**
 * Reads a deputy directory from an .xlsx (first worksheet) or .csv file for a preview:
 * the valid rows with their township ids, and every problem by row and field. The caller
 * imports all rows only when there are no errors.
 * Throws SheetFormatError for a file that is neither, cannot be read, or has more than
 * MAX_DEPUTY_ROWS rows.
 */
export async function parseDeputySheet(
  file: { name: string; bytes: Uint8Array },
  options: TParseDeputySheetOptions,
): Promise<{ rows: TParsedDeputy[]; errors: TSheetError[] }> {
  return validateRows(await readSheetRows(file, MAX_DEPUTY_ROWS), options);
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The OLE2 signature of legacy .xls (and other Office 97 files). */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** The file's type when its name and its bytes agree, else a SheetFormatError. */
export function sheetKind(file: { name: string; bytes: Uint8Array }): "xlsx" | "csv" {
  const name = file.name.trim().toLowerCase();
  if (name.endsWith(".xlsx") && isZip(file.bytes)) return "xlsx";
  if (name.endsWith(".csv") && !isZip(file.bytes) && !isOle(file.bytes) && looksLikeText(file.bytes)) return "csv";
  throw new SheetFormatError("errors.sheetFormat");
}

/** No NUL bytes in the first 8 KB (UTF-16 text, which has them, starts with a BOM). */
function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return !bytes.subarray(0, 8192).includes(0);
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * The non-blank rows of an .xlsx (first worksheet) or .csv file, each with its row number and its
 * cells' text: what the deputies' and the suggestions' imports read. Stops with a SheetFormatError
 * once the file holds more rows than `maxRows` below a header found in the top rows.
 */
export async function readSheetRows(file: { name: string; bytes: Uint8Array }, maxRows: number) {
  const countRow = (count: number) => {
    if (count > maxRows + HEADER_SEARCH_ROWS) throw new SheetFormatError("errors.sheetTooLarge");
  };
  return sheetKind(file) === "xlsx" ? readXlsxRows(file.bytes, countRow) : readCsvRows(file.bytes, countRow);
}

function readCsvRows(bytes: Uint8Array, countRow: (count: number) => void): TSheetRow[] {
  const text = decodeCsv(bytes);
  const rows: TSheetRow[] = [];
  for (const { record, fields } of readCsvRecords(text, guessDelimiter(text))) {
    if (isBlank(fields)) continue;
    rows.push({ row: record, cells: fields });
    countRow(rows.length);
  }
  return rows;
}

async function readXlsxRows(bytes: Uint8Array, countRow: (count: number) => void): Promise<TSheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // An ArrayBuffer copy: what exceljs's typings ask for, and JSZip reads it as is.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    throw new SheetFormatError("errors.sheetUnreadable");
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return [];
  const rows: TSheetRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    const values = row.values;
    if (!Array.isArray(values)) return;
    // row.values is 1-based (index 0 is empty) and may have holes.
    const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
    if (isBlank(cells)) return;
    rows.push({ row: rowNumber, cells });
    countRow(rows.length);
  });
  return rows;
}

/**
 * The text a cell shows: strings, rich text, hyperlinks' text, formulas' cached results,
 * whole numbers without a decimal point or exponent (phone numbers typed as numbers),
 * dates as YYYY-MM-DD, errors (#N/A…) as blank.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => cellText(part?.text)).join("");
    if ("formula" in v || "sharedFormula" in v) return cellText(v.result);
    if ("hyperlink" in v || "text" in v) return cellText(v.text);
    if ("error" in v) return "";
  }
  return "";
}

/** The row holding the column titles: the first with two known titles (past a title row), else the first row. */
function findHeader(rows: TSheetRow[]): { index: number; columns: Map<TDeputyField, number> } {
  const columnsOf = (cells: string[]) => {
    const columns = new Map<TDeputyField, number>();
    cells.forEach((cell, i) => {
      const field = fieldOfHeader(cell);
      // A repeated title: the first column counts.
      if (field && !columns.has(field)) columns.set(field, i);
    });
    return columns;
  };
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const columns = columnsOf(rows[index]!.cells);
    if (columns.size >= 2) return { index, columns };
  }
  return { index: 0, columns: rows[0] ? columnsOf(rows[0].cells) : new Map() };
}

function validateRows(
  sheetRows: TSheetRow[],
  options: TParseDeputySheetOptions,
): { rows: TParsedDeputy[]; errors: TSheetError[] } {
  const header = findHeader(sheetRows);
  const headerRow = sheetRows[header.index]?.row ?? 1;
  const dataRows = sheetRows.slice(header.index + 1);
  if (dataRows.length > MAX_DEPUTY_ROWS) throw new SheetFormatError("errors.sheetTooLarge");

  const missing = requiredFields.filter((field) => !header.columns.has(field));
  if (missing.length > 0) {
    return { rows: [], errors: missing.map((field) => ({ row: headerRow, field, message: "validation.required" })) };
  }

  const townshipIds = new Map<string, string>();
  for (const township of options.townships) {
    const key = normaliseKey(township.name);
    if (!townshipIds.has(key)) townshipIds.set(key, township.id);
  }
  const deputyKey = (name: string, townshipId: string) => `${normaliseKey(name)}\u0000${townshipId}`;
  const seen = new Set((options.existing ?? []).map((d) => deputyKey(d.name, d.townshipId)));
  const fieldOrder = new Map(deputyColumns.map((c, i) => [c.field as string, i]));

  const rows: TParsedDeputy[] = [];
  const errors: TSheetError[] = [];
  for (const { row, cells } of dataRows) {
    const input: Record<string, string> = {};
    for (const [field, column] of header.columns) input[field] = restoreNeutralised(cells[column] ?? "");

    const rowErrors = new Map<string, string>();
    const result = ZDeputyRow.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "_row");
        if (!rowErrors.has(field)) {
          rowErrors.set(field, issue.message.startsWith("validation.") ? issue.message : "validation.invalid");
        }
      }
    }

    // The township and the duplicate check need only a valid name and township.
    const name = result.success ? result.data.name : nameOf(input.name);
    const township = result.success ? result.data.township : (input.township ?? "").trim();
    let townshipId: string | undefined;
    if (!rowErrors.has("township") && township !== "") {
      townshipId = townshipIds.get(normaliseKey(township));
      if (!townshipId) rowErrors.set("township", "validation.unknownTownship");
    }
    if (townshipId && name !== undefined && !rowErrors.has("name")) {
      const key = deputyKey(name, townshipId);
      if (seen.has(key)) rowErrors.set("name", "validation.duplicateDeputy");
      else seen.add(key);
    }

    if (rowErrors.size > 0) {
      const sorted = [...rowErrors].sort(([a], [b]) => (fieldOrder.get(a) ?? 99) - (fieldOrder.get(b) ?? 99));
      for (const [field, message] of sorted) errors.push({ row, field, message });
    } else if (result.success && townshipId) {
      rows.push({ ...result.data, row, townshipId });
    }
  }
  return { rows, errors };
}

/** The name the schema would accept, for the duplicate check of a row with other errors. */
function nameOf(cell: string | undefined): string | undefined {
  const parsed = ZDeputyRow.shape.name.safeParse(cell);
  return parsed.success ? parsed.data : undefined;
}
