import { cases } from "@rdlink/db";
import { sql } from "drizzle-orm";

/**
 * 在办 and 办结, one definition for every count the product shows (the dashboard, the workflow
 * list, the designer's versions): a case is 办结 once it has reached a closing state (a final
 * state, or one the county marked 办结 — `closes` — such as an answered opinion awaiting 回头看),
 * which the runtime records as `closed_at` and never takes back; 在办 until then. An opinion
 * merged into a deputy suggestion (整合) is neither: it goes on, and closes, in the suggestion.
 */
export const caseIsOpen = sql`${cases.closedAt} is null`;
export const caseIsClosed = sql`(${cases.closedAt} is not null and ${cases.mergedIntoId} is null)`;

/** `count(*) filter (where …)` as an int, for grouped counts. */
export const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`(count(*) filter (where ${condition}))::int`;
