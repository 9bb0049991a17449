import { normaliseKey, type TDeputyField } from "./deputy-row";

/** A sheet column: the title an export writes, the titles an import accepts, and its width. */
type TColumn = { field: TDeputyField; title: string; aliases: readonly string[]; width: number; required?: true };

/** The directory's columns in export order. Exported titles are among the accepted ones, so an export re-imports. */
export const deputyColumns: readonly TColumn[] = [
  { field: "name", title: "姓名", aliases: ["代表姓名", "name"], width: 12, required: true },
  { field: "level", title: "代表层级", aliases: ["层级", "代表级别", "级别", "level"], width: 10, required: true },
  { field: "term", title: "届次", aliases: ["term"], width: 12 },
  { field: "constituency", title: "选区", aliases: ["constituency"], width: 20 },
  {
    field: "township",
    title: "所属乡镇",
    aliases: ["乡镇（街道）", "所属乡镇（街道）", "乡镇", "乡镇街道", "township"],
    width: 16,
    required: true,
  },
  { field: "stationNames", title: "进站联络站", aliases: ["联络站", "stations", "stationnames"], width: 28 },
  { field: "sector", title: "行业", aliases: ["sector"], width: 16 },
  { field: "tags", title: "专长标签", aliases: ["专长", "标签", "专长/标签", "tags"], width: 24 },
  { field: "phone", title: "联系电话", aliases: ["手机", "手机号", "手机号码", "电话", "phone"], width: 16 },
  { field: "gender", title: "性别", aliases: ["gender"], width: 8 },
];

export const requiredFields: readonly TDeputyField[] = deputyColumns.filter((c) => c.required).map((c) => c.field);

const fieldByTitle = new Map<string, TDeputyField>();
for (const column of deputyColumns) {
  for (const title of [column.title, ...column.aliases]) fieldByTitle.set(normaliseKey(title), column.field);
}

/** The field a header cell names, ignoring width, case and required-markers (姓名*, *姓名), or null. */
export function fieldOfHeader(title: string): TDeputyField | null {
  const key = normaliseKey(title).replace(/^\*+|\*+$/g, "");
  return fieldByTitle.get(key) ?? null;
}
