import { type Column, inArray, type SQL, sql } from "drizzle-orm";

/**
 * The query condition for a township scope (`stationScope`, `townshipsInScope`): none for
 * "all", otherwise the column in the listed townships (nothing at all when the list is empty).
 */
export function inTownshipScope(column: Column, scope: "all" | string[]): SQL | undefined {
  if (scope === "all") return undefined;
  return scope.length > 0 ? inArray(column, scope) : sql`false`;
}

/**
 * The column is one of the values: a list of them, or an SQL array (a placeholder of a statement
 * kept per shape, whose values come with each run).
 */
export const amongValues = (column: Column, values: readonly string[] | SQL): SQL =>
  Array.isArray(values) ? inArray(column, values) : sql`${column} = any(${values})`;
