import { resources } from "@rdlink/i18n";
import { CASE_CATEGORIES, type TCaseCategory } from "../cases/case-categories";
import { normaliseKey } from "../deputies/sheet/deputy-row";
import { restoreNeutralised } from "../deputies/sheet/formula-guard";
import { readSheetRows, SheetFormatError } from "../deputies/sheet/index";
import { ValidationError } from "../shared/errors";

/** At most this many suggestions per file (a session has hundreds). */
export const MAX_SUGGESTION_ROWS = 5000;
const HEADER_SEARCH_ROWS = 10;

export type TSuggestionColumn =
  | "number"
  | "title"
  | "content"
  | "category"
  | "sector"
  | "leadDeputy"
  | "coDeputies"
  | "receivedOn";

/** The session file's columns: the titles a congress office's list uses for each. */
const COLUMNS: Record<TSuggestionColumn, readonly string[]> = {
  number: ["建议编号", "编号", "建议号", "number"],
  title: ["建议标题", "标题", "案由", "建议名称", "title"],
  content: ["建议内容", "内容", "正文", "content"],
  category: ["类别", "分类", "建议类别", "category"],
  sector: ["界别", "行业", "领域", "sector"],
  leadDeputy: ["领衔代表", "领衔人", "提出代表", "lead"],
  coDeputies: ["附议代表", "附议人", "联名代表", "co"],
  receivedOn: ["提出日期", "收到日期", "提交日期", "日期", "received"],
};

const columnOf = new Map<string, TSuggestionColumn>();
for (const [column, titles] of Object.entries(COLUMNS)) {
  for (const title of titles) columnOf.set(normaliseKey(title), column as TSuggestionColumn);
}

/** The category a cell names, in the county's words (农业农村) or as its key; null for a blank cell. */
const categoryOf = (() => {
  const labels = resources["zh-CN"].translation.cases.categories as Record<TCaseCategory, string>;
  const byName = new Map<string, TCaseCategory>();
  for (const key of CASE_CATEGORIES) {
    byName.set(normaliseKey(labels[key]), key);
    byName.set(normaliseKey(key), key);
  }
  return (text: string): TCaseCategory | null | undefined => (text === "" ? null : byName.get(normaliseKey(text)));
})();

export { categoryOf };

/** One data row as text, by column; `row` is its spreadsheet row number. */
export type TSuggestionSheetRow = { row: number; cells: Partial<Record<TSuggestionColumn, string>> };

/**
 * The rows of a session's suggestion list (.xlsx, first worksheet, or .csv) below its header
 * row (the first of the top rows naming two known columns, past a title like "××县人大十七届三次
 * 会议代表建议目录"). A file without such a header is refused as a whole.
 */
export async function readSuggestionSheet(file: { name: string; bytes: Uint8Array }): Promise<{
  headerRow: number;
  columns: Set<TSuggestionColumn>;
  rows: TSuggestionSheetRow[];
}> {
  const raw = await readSheetRows(file, MAX_SUGGESTION_ROWS);
  for (let index = 0; index < Math.min(raw.length, HEADER_SEARCH_ROWS); index++) {
    const columns = new Map<TSuggestionColumn, number>();
    raw[index]!.cells.forEach((cell, i) => {
      const column = columnOf.get(normaliseKey(cell).replace(/^\*+|\*+$/g, ""));
      if (column && !columns.has(column)) columns.set(column, i);
    });
    if (columns.size < 2) continue;
    const rows = raw.slice(index + 1).map(({ row, cells }) => ({
      row,
      cells: Object.fromEntries(
        [...columns].map(([column, i]) => [column, restoreNeutralised(cells[i] ?? "").trim()]),
      ) as TSuggestionSheetRow["cells"],
    }));
    if (rows.length > MAX_SUGGESTION_ROWS) throw new SheetFormatError("errors.sheetTooLarge");
    return { headerRow: raw[index]!.row, columns: new Set(columns.keys()), rows };
  }
  throw new ValidationError({ file: "sessions.import.noHeader" }, "sessions.import.noHeader");
}

/** A day as offices write it (2027-01-12, 2027/1/12, 2027年1月12日, 2027.1.12) as YYYY-MM-DD, or null. */
export function dayOf(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : day;
}

/** Names in a cell: 韦建国、李娜，张强 / 韦建国 李娜 (a name may carry its township: 韦建国（金陵镇）). */
export const namesIn = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
