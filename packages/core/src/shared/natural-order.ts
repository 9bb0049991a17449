import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * Names in the order people expect: numbers by their value ("联络站-2" before "联络站-10").
 * In memory, the zh-CN collator (pinyin for Chinese). In SQL the same numeric rule through a
 * key that PostgreSQL and PGlite compute alike: PGlite carries no ICU data (an ICU collation
 * there sorts by code point and ignores `kn`), so the key pads each run of digits with its
 * length and compares bytewise (`collate "C"`): Chinese text by code point, on both.
 */
export const naturalCompare = new Intl.Collator("zh-CN", { numeric: true }).compare;

/** Sorts objects by their `name` (or another text) in natural order. */
export const byName =
  <T>(nameOf: (item: T) => string = (item) => (item as { name: string }).name) =>
  (a: T, b: T) =>
    naturalCompare(nameOf(a), nameOf(b));

/**
 * The natural sort key of a text column for ORDER BY: each digit run prefixed by its length. A
 * name without digits (most people's) is its own key: splitting 2,000 names by regexp took 15 ms.
 */
export function naturalOrder(column: AnyColumn | SQL): SQL {
  return sql`(case when ${column} ~ '[0-9]' then (select string_agg(case when r.run[1] ~ '^[0-9]' then lpad(length(r.run[1])::text, 3, '0') || r.run[1] else r.run[1] end, '' order by r.ord) from regexp_matches(${column}, '[0-9]+|[^0-9]+', 'g') with ordinality as r(run, ord)) else ${column} end) collate "C"`;
}
