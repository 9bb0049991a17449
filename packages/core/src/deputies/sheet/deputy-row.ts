import { z } from "zod";
import { PHONE_PATTERN } from "../../shared/phone";

export { PHONE_PATTERN };

/** The five levels of people's congresses, from the NPC down to a township congress. */
export const deputyLevels = ["national", "provincial", "municipal", "county", "township"] as const;
export type TDeputyLevel = (typeof deputyLevels)[number];

/** The short Chinese name of each level, as written in the directory sheet. */
export const deputyLevelNames: Record<TDeputyLevel, string> = {
  national: "全国",
  provincial: "省",
  municipal: "市",
  county: "县",
  township: "乡",
};

/** Every spelling a sheet may use for a level, keyed by its normalised form (see `normaliseKey`). */
const levelAliases = new Map<string, TDeputyLevel>();
for (const level of deputyLevels) {
  levelAliases.set(level, level);
  const name = deputyLevelNames[level];
  for (const alias of [name, `${name}级`, `${name}人大代表`, `${name}级人大代表`]) levelAliases.set(alias, level);
}
for (const [alias, level] of [
  ["全国人民代表大会代表", "national"],
  ["省(区、市)", "provincial"],
  ["区", "county"],
  ["区人大代表", "county"],
  ["县(区)", "county"],
  ["县(区)人大代表", "county"],
  ["县(市、区)", "county"],
  ["镇", "township"],
  ["镇人大代表", "township"],
  ["乡(镇)", "township"],
  ["乡(镇)人大代表", "township"],
  ["乡镇", "township"],
] as const) {
  levelAliases.set(alias, level);
}

/**
 * A string for comparing what people type: NFKC (full-width brackets and letters become
 * ASCII), no whitespace at all, lower case.
 */
export function normaliseKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The level a cell names (全国, 省人大代表, 县（区）, county…), or null. */
export function parseDeputyLevel(text: string): TDeputyLevel | null {
  return levelAliases.get(normaliseKey(text)) ?? null;
}

/** Separators of a list cell: 、 , ， (and ; ； which people use just as often). */
const LIST_SEPARATORS = /[、,，;；\n]/;

/** The items of a list cell, trimmed, without blanks or repeats. An array is taken as already split. */
export function splitList(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.map((v) => String(v ?? ""))
    : typeof value === "string"
      ? value.split(LIST_SEPARATORS)
      : [];
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ""))];
}

/** A phone number without whitespace; numbers (from spreadsheet cells) become their digits. */
export function normalisePhone(value: unknown): unknown {
  if (typeof value === "number" && Number.isSafeInteger(value)) value = String(value);
  if (typeof value !== "string") return value;
  const phone = value.replace(/\s+/g, "");
  return phone === "" ? undefined : phone;
}

/**
 * Chinese names are often padded for alignment in printed lists ("张　三"): whitespace
 * between two CJK characters is dropped. Latin names keep their spaces.
 */
export function normalisePersonName(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value.trim().replace(/(?<=[\p{Script=Han}·])\s+(?=[\p{Script=Han}·])/gu, "");
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, "validation.tooLong").optional());

const list = (maxItem: number) =>
  z.preprocess(splitList, z.array(z.string().max(maxItem, "validation.tooLong")).max(50, "validation.tooLong"));

const genderAliases: Record<string, "男" | "女"> = { 男: "男", 女: "女", male: "男", female: "女", m: "男", f: "女" };

/**
 * One deputy as a sheet row gives it (cells as text; lists as one cell or an array).
 * Messages are i18n keys. The township stays a NAME: the caller resolves it to an id.
 */
export const ZDeputyRow = z.object({
  name: z.preprocess(
    normalisePersonName,
    z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.tooLong"),
  ),
  level: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .transform((text) => parseDeputyLevel(text) ?? text)
    .pipe(z.enum(deputyLevels, { error: "validation.deputyLevel" })),
  /** 届次, e.g. 第十八届 */
  term: optionalText(40),
  /** 选区 */
  constituency: optionalText(60),
  /** The township's name (乡镇/街道) */
  township: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(60, "validation.tooLong"),
  /** 进站联络站: the liaison stations the deputy is attached to, by name */
  stationNames: list(60),
  /** 行业 */
  sector: optionalText(40),
  /** 专长标签 */
  tags: list(40),
  phone: z.preprocess(normalisePhone, z.string().regex(PHONE_PATTERN, "validation.invalidPhone").optional()),
  gender: z.preprocess((value) => {
    const blank = blankToUndefined(value);
    return typeof blank === "string" ? (genderAliases[normaliseKey(blank)] ?? blank) : blank;
  }, z.enum(["男", "女"], { error: "validation.invalid" }).optional()),
});

export type TDeputyRow = z.output<typeof ZDeputyRow>;
export type TDeputyRowInput = z.input<typeof ZDeputyRow>;

/** The fields of a deputy row, in sheet column order. */
export const deputyFields = [
  "name",
  "level",
  "term",
  "constituency",
  "township",
  "stationNames",
  "sector",
  "tags",
  "phone",
  "gender",
] as const satisfies readonly (keyof TDeputyRow)[];
export type TDeputyField = (typeof deputyFields)[number];
