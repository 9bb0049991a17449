import {
  activities,
  activityDeputies,
  deputies,
  deputyScoreTables,
  deputyScoringRules,
  type TenantTx,
} from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, asc, count, eq, gte, inArray, lte, type SQL, sql, sum } from "drizzle-orm";
import type { TDeputyRecord } from "../deputy-records/count-deputy-records";
import { yearPeriod } from "../deputy-records/record-input";
import { scoreDeputy, type TMonthlyFigures, type TScore, type TScoringRule } from "./score-deputy";
import type { TMonthlyFigure } from "./scoring-input";

/**
 * What the use cases share to score deputies (decision 0027): the county's rules, the ledger month
 * by month, the months judged, and a year's published table. Not use cases themselves: each runs
 * inside the caller's transaction.
 */

/** The county's rules, in the order they were added. */
export async function loadScoringRules(tx: TenantTx): Promise<TScoringRule[]> {
  const rows = await tx
    .select({
      id: deputyScoringRules.id,
      figure: deputyScoringRules.figure,
      points: deputyScoringRules.points,
      cap: deputyScoringRules.cap,
      monthlyMinimum: deputyScoringRules.monthlyMinimum,
      monthlyDeduction: deputyScoringRules.monthlyDeduction,
    })
    .from(deputyScoringRules)
    .where(eq(deputyScoringRules.tenantId, tx.tenantId))
    .orderBy(asc(deputyScoringRules.sortOrder), asc(deputyScoringRules.createdAt), asc(deputyScoringRules.id));
  return rows.map((r) => ({ ...r, figure: r.figure as keyof TDeputyRecord }));
}

/** A year's published 年度考核表, or null. */
export async function publishedScoreTable(tx: TenantTx, year: number) {
  const [row] = await tx
    .select()
    .from(deputyScoreTables)
    .where(and(eq(deputyScoreTables.tenantId, tx.tenantId), eq(deputyScoreTables.year, year)));
  return row ?? null;
}

/**
 * How many months of the year a monthly minimum judges: all twelve of a past year, the months
 * before this one in the current year (a month is judged once it has ended), none of a future year.
 */
export function judgedMonthsOf(year: number, now: Date): number {
  const today = localDateOf(now);
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return 12;
  if (year > thisYear) return 0;
  return Number(today.slice(5, 7)) - 1;
}

const MONTHLY_OF_KIND = {
  reception: "receptions",
  visit: "visits",
  training: "trainings",
  study: "trainings",
  mediation: "mediations",
  legislativeConsultation: "legislativeConsultations",
  postService: "postServices",
  other: "otherActivities",
} as const satisfies Record<(typeof activities.$inferSelect)["kind"], TMonthlyFigure>;

/** The ledger figures of the picked deputies month by month (days in Asia/Shanghai, as the record's). */
export async function countMonthlyLedger(
  tx: TenantTx,
  which: SQL | undefined,
  year: number,
): Promise<Map<string, TMonthlyFigures>> {
  const period = yearPeriod(year);
  const month = sql<number>`extract(month from ${activities.day})::int`;
  const rows = await tx
    .select({
      deputyId: activityDeputies.deputyId,
      kind: activities.kind,
      month,
      entries: count(),
      people: sum(activities.peopleReceived),
    })
    .from(activityDeputies)
    .innerJoin(
      activities,
      and(eq(activities.tenantId, activityDeputies.tenantId), eq(activities.id, activityDeputies.activityId)),
    )
    .where(
      and(
        eq(activityDeputies.tenantId, tx.tenantId),
        inArray(
          activityDeputies.deputyId,
          tx
            .select({ id: deputies.id })
            .from(deputies)
            .where(and(eq(deputies.tenantId, tx.tenantId), which)),
        ),
        gte(activities.day, period.from),
        lte(activities.day, period.to),
      ),
    )
    .groupBy(activityDeputies.deputyId, activities.kind, month);
  const result = new Map<string, TMonthlyFigures>();
  const add = (deputyId: string, figure: TMonthlyFigure, m: number, value: unknown) => {
    const figures = result.get(deputyId) ?? {};
    const months = figures[figure] ?? Array.from({ length: 12 }, () => 0);
    months[m - 1]! += Number(value ?? 0);
    figures[figure] = months;
    result.set(deputyId, figures);
  };
  for (const row of rows) {
    add(row.deputyId, MONTHLY_OF_KIND[row.kind], Number(row.month), row.entries);
    add(row.deputyId, "peopleReceived", Number(row.month), row.people);
  }
  return result;
}

/** Scores the picked deputies' counted records for a year under the current rules. */
export async function scoreRecords(
  tx: TenantTx,
  which: SQL | undefined,
  year: number,
  now: Date,
  records: Map<string, TDeputyRecord>,
  rules: TScoringRule[],
): Promise<Map<string, TScore>> {
  const monthly = rules.some((r) => r.monthlyMinimum !== null)
    ? await countMonthlyLedger(tx, which, year)
    : new Map<string, TMonthlyFigures>();
  const judged = judgedMonthsOf(year, now);
  const scores = new Map<string, TScore>();
  for (const [deputyId, record] of records) {
    scores.set(deputyId, scoreDeputy(record, monthly.get(deputyId) ?? {}, rules, judged));
  }
  return scores;
}
