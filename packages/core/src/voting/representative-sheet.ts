import { normaliseKey } from "../deputies/sheet/deputy-row";
import { restoreNeutralised } from "../deputies/sheet/formula-guard";
import { readSheetRows, SheetFormatError } from "../deputies/sheet/index";

/** A street has a hundred or two representatives; the cap bounds one request's work. */
export const MAX_REPRESENTATIVE_ROWS = 2000;
const HEADER_SEARCH_ROWS = 10;

export type TRepresentativeColumn = "name" | "group" | "phone" | "term" | "termStartsOn" | "termEndsOn";

/** The titles a street's roster uses for each column. */
const COLUMNS: Record<TRepresentativeColumn, readonly string[]> = {
  name: ["姓名", "代表姓名", "选民代表", "name"],
  group: ["代表小组", "小组", "选区", "所在社区", "社区", "group"],
  phone: ["手机", "手机号", "手机号码", "联系电话", "电话", "phone"],
  term: ["届次", "届别", "term"],
  termStartsOn: ["任期开始", "任期起", "起始日期", "starts"],
  termEndsOn: ["任期结束", "任期止", "截止日期", "ends"],
};

const columnOf = new Map<string, TRepresentativeColumn>();
for (const [column, titles] of Object.entries(COLUMNS)) {
  for (const title of titles) columnOf.set(normaliseKey(title), column as TRepresentativeColumn);
}

export type TRepresentativeSheetRow = { row: number; cells: Partial<Record<TRepresentativeColumn, string>> };

/** The roster's rows (.xlsx first sheet or .csv) under its header row, found among the top rows. */
export async function readRepresentativeSheet(file: { name: string; bytes: Uint8Array }) {
  const raw = await readSheetRows(file, MAX_REPRESENTATIVE_ROWS);
  for (let index = 0; index < Math.min(raw.length, HEADER_SEARCH_ROWS); index++) {
    const columns = new Map<TRepresentativeColumn, number>();
    raw[index]!.cells.forEach((cell, i) => {
      const column = columnOf.get(normaliseKey(cell).replace(/^\*+|\*+$/g, ""));
      if (column && !columns.has(column)) columns.set(column, i);
    });
    if (!columns.has("name") || columns.size < 2) continue;
    const rows: TRepresentativeSheetRow[] = raw.slice(index + 1).map(({ row, cells }) => ({
      row,
      cells: Object.fromEntries([...columns].map(([column, i]) => [column, restoreNeutralised(cells[i] ?? "").trim()])),
    }));
    if (rows.length > MAX_REPRESENTATIVE_ROWS) throw new SheetFormatError("errors.sheetTooLarge");
    return rows.filter((r) => Object.values(r.cells).some((v) => v !== ""));
  }
  throw new SheetFormatError("errors.sheetFormat");
}
