/** A cell of a CSV download: text, a number, or nothing. */
export type CsvCell = string | number | null;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one)
 * gets a leading apostrophe, so a name typed into the app cannot become a formula in Excel.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text: comma-separated, quoted where needed, each record ended by CRLF. */
export function toCsv(records: CsvCell[][]): string {
  return records.map((record) => `${record.map(csvField).join(",")}\r\n`).join("");
}

/**
 * A .csv download in UTF-8 with a byte order mark, without which Excel on Chinese Windows reads
 * the file as GB18030 and shows the Chinese as mojibake; the file's Chinese name in the RFC 6266 form.
 */
export function csvResponse(records: CsvCell[][], filename: string): Response {
  return new Response(`\uFEFF${toCsv(records)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
