import { cases } from "@rdlink/db";
import { and, eq, isNotNull, lt, ne, or, sql } from "drizzle-orm";

/**
 * 在办 and 办结, one definition for every count the product shows (the dashboard, the workflow
 * list, the designer's versions): a case is 办结 once it has reached a closing state (a final
 * state, or one the county marked 办结 — `closes` — such as an answered opinion awaiting 回头看),
 * which the runtime records as `closed_at` and never takes back; 在办 until then. An opinion
 * merged into a deputy suggestion (整合) is neither: it goes on, and closes, in the suggestion.
 */
export const caseIsOpen = sql`${cases.closedAt} is null`;
export const caseIsClosed = sql`(${cases.closedAt} is not null and ${cases.mergedIntoId} is null)`;

/** On someone's desk: not closed, and not waiting for the citizen (a rating, more details). */
export const caseIsOnStaffDesk = and(
  eq(cases.status, "active"),
  isNotNull(cases.assigneeRole),
  ne(cases.assigneeRole, "citizen"),
)!;

/**
 * 超期, as the workbench and the desk count it (red): on a staff desk and past a deadline, now
 * or earlier in this case. The platform's county health counts the same cases.
 */
export const caseIsOverdue = (now: Date) =>
  and(caseIsOnStaffDesk, or(lt(cases.dueAt, now), isNotNull(cases.overdueAt)))!;

/** `count(*) filter (where …)` as an int, for grouped counts. */
export const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`(count(*) filter (where ${condition}))::int`;
