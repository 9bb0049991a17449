import { deputyScoreTables, deputyScoringRules, type TActivityKind, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, asc, eq, type SQL } from "drizzle-orm";
import {
  ACTIVITY_FIELDS,
  attendanceCounts,
  countDeputyRecords,
  type TDeputyRecord,
} from "../deputy-records/count-deputy-records";
import { yearPeriod } from "../deputy-records/record-input";
import { scoreDeputy, type TMonthlyFigures, type TScore, type TScoringRule } from "./score-deputy";
import { MONTHLY_FIGURES, type TMonthlyFigure } from "./scoring-input";

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

/** The record's figure of each ledger kind (the record's own map): each one is a monthly figure. */
const MONTHLY_OF_KIND = ACTIVITY_FIELDS satisfies Record<TActivityKind, TMonthlyFigure>;

/**
 * The ledger figures of the picked deputies month by month (days in Asia/Shanghai, as the record's),
 * only those a monthly minimum judges and only in the judged months: the county-wide list scores
 * 2,000 deputies, and counting every kind in every month cost more than the record itself.
 */
export async function countMonthlyLedger(
  tx: TenantTx,
  which: SQL | undefined,
  year: number,
  judged: { figures: TMonthlyFigure[]; months: number },
): Promise<Map<string, TMonthlyFigures>> {
  const result = new Map<string, TMonthlyFigures>();
  if (judged.figures.length === 0 || judged.months === 0) return result;
  const people = judged.figures.includes("peopleReceived");
  const kinds = Object.entries(MONTHLY_OF_KIND)
    .filter(([, figure]) => judged.figures.includes(figure))
    .map(([kind]) => kind as keyof typeof MONTHLY_OF_KIND);
  const lastJudgedDay = new Date(Date.UTC(year, judged.months, 0)).toISOString().slice(0, 10);
  const rows = await attendanceCounts(
    tx,
    which,
    { from: yearPeriod(year).from, to: lastJudgedDay },
    { byMonth: true, kinds: people ? undefined : kinds },
  );
  const add = (deputyId: string, figure: TMonthlyFigure, m: number, value: unknown) => {
    const figures = result.get(deputyId) ?? {};
    const months = figures[figure] ?? Array.from({ length: 12 }, () => 0);
    months[m - 1]! += Number(value ?? 0);
    figures[figure] = months;
    result.set(deputyId, figures);
  };
  for (const row of rows) {
    const figure = MONTHLY_OF_KIND[row.kind];
    if (judged.figures.includes(figure)) add(row.deputyId, figure, Number(row.month), row.entries);
    if (people) add(row.deputyId, "peopleReceived", Number(row.month), row.people);
  }
  return result;
}

/**
 * The picked deputies' records for a year and their scores under the rules (0 under none;
 * explained rule by rule unless `explain` is false; with `scoredOnly`, the records hold only the
 * figures the rules score — enough to rank a county). `explained` explains one deputy's score from
 * what was counted, without counting again (a page of a ranked table). The record and the months a
 * minimum judges are counted side by side (pipelined on the connection).
 */
export async function countAndScore(
  tx: TenantTx,
  which: SQL | undefined,
  year: number,
  now: Date,
  rules: TScoringRule[],
  options: { explain?: boolean; scoredOnly?: boolean } = {},
) {
  const judged = judgedMonthsOf(year, now);
  const figures = rules
    .filter((r) => r.monthlyMinimum !== null)
    .map((r) => r.figure)
    .filter((f): f is TMonthlyFigure => (MONTHLY_FIGURES as readonly string[]).includes(f));
  const [records, monthly] = await Promise.all([
    countDeputyRecords(tx, which, yearPeriod(year), options.scoredOnly ? rules.map((r) => r.figure) : undefined),
    countMonthlyLedger(tx, which, year, { figures, months: judged }),
  ]);
  const score = (deputyId: string, explain: boolean) =>
    scoreDeputy(records.get(deputyId)!, monthly.get(deputyId) ?? {}, rules, judged, { explain });
  const scores = new Map<string, TScore>();
  for (const deputyId of records.keys()) scores.set(deputyId, score(deputyId, options.explain ?? true));
  return { records, scores, explained: (deputyId: string) => score(deputyId, true) };
}
