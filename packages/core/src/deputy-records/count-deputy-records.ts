import {
  activityDeputies,
  caseEvents,
  cases,
  deputies,
  pairVisits,
  postClaims,
  suggestions,
  type TActivityKind,
  type TenantTx,
} from "@rdlink/db";
import { CASE_STARTED } from "@rdlink/workflow/runtime/case-runtime";
import { and, count, eq, gte, inArray, isNotNull, isNull, lt, lte, or, type SQL, sql, sum } from "drizzle-orm";
import type { PgColumn, PgSelect } from "drizzle-orm/pg-core";
import { shanghaiDaySpan } from "../shared/shanghai-days";

/**
 * 履职档案: what a deputy did in a period, counted from what was recorded anyway (the ledger, cases,
 * suggestions, post claims), never typed twice.
 */
export type TDeputyRecord = {
  /** 接待 and 走访: ledger entries of those kinds the deputy attended. */
  receptions: number;
  visits: number;
  /** 培训 and 学习. */
  trainings: number;
  mediations: number;
  legislativeConsultations: number;
  postServices: number;
  otherActivities: number;
  /** 接待人次 of the entries they attended. */
  peopleReceived: number;
  /** Posts (岗位) held at any time in the period. */
  postsHeld: number;
  /** Citizens' opinions the deputy registered themselves. */
  opinionsRegistered: number;
  /** Suggestions received in the period: as 领衔代表, and as 附议代表. */
  suggestionsLed: number;
  suggestionsSeconded: number;
  /** 面商 held on the suggestions they lead (each 面商 counted once). */
  consultations: number;
  /** Steps the deputy took on cases other than starting them: rating an answer, supervising… */
  caseSteps: number;
  /** 双联走访: visits to the households they are paired with (decision 0028). */
  pairVisits: number;
};

export const emptyDeputyRecord = (): TDeputyRecord => ({
  receptions: 0,
  visits: 0,
  trainings: 0,
  mediations: 0,
  legislativeConsultations: 0,
  postServices: 0,
  otherActivities: 0,
  peopleReceived: 0,
  postsHeld: 0,
  opinionsRegistered: 0,
  suggestionsLed: 0,
  suggestionsSeconded: 0,
  consultations: 0,
  caseSteps: 0,
  pairVisits: 0,
});

/** The record's figure that counts each kind of ledger entry. */
export const ACTIVITY_FIELDS = {
  reception: "receptions",
  visit: "visits",
  training: "trainings",
  study: "trainings",
  mediation: "mediations",
  legislativeConsultation: "legislativeConsultations",
  postService: "postServices",
  other: "otherActivities",
} as const satisfies Record<TActivityKind, keyof TDeputyRecord>;

/**
 * The ledger entries the picked deputies attended between two days (both included), counted per
 * deputy and kind (and month, with `byMonth`), with their 接待人次. From `activity_deputies` alone,
 * which carries each entry's day, kind and 接待人次 (decision 0031); joined with the picked deputies
 * rather than `in (select …)`, which PostgreSQL planned as a hash of every attendance.
 */
export function attendanceCounts(
  tx: TenantTx,
  which: SQL | undefined,
  span: { from: string; to: string },
  options: { byMonth?: boolean; kinds?: TActivityKind[] } = {},
) {
  const month = options.byMonth ? sql<number>`extract(month from ${activityDeputies.day})::int` : sql<number>`null`;
  const query = tx
    .select({
      deputyId: activityDeputies.deputyId,
      kind: activityDeputies.kind,
      month,
      entries: count(),
      people: sum(activityDeputies.peopleReceived),
    })
    .from(activityDeputies)
    .$dynamic();
  return ofPicked(query, activityDeputies, which)
    .where(
      and(
        eq(activityDeputies.tenantId, tx.tenantId),
        which,
        gte(activityDeputies.day, span.from),
        lte(activityDeputies.day, span.to),
        options.kinds ? inArray(activityDeputies.kind, options.kinds) : undefined,
      ),
    )
    .groupBy(activityDeputies.deputyId, activityDeputies.kind, ...(options.byMonth ? [month] : []));
}

/**
 * Joins a table's rows with the deputies `which` picks; with no condition (every deputy of the
 * county), no join: the rows of deputies nobody asked for are left out when the counts are added up.
 */
function ofPicked<Q extends PgSelect>(
  query: Q,
  table: { tenantId: PgColumn; deputyId: PgColumn },
  which: SQL | undefined,
): Q {
  if (!which) return query;
  // The selection is explicit, so the join leaves the rows' type as it was.
  return query.innerJoin(
    deputies,
    and(eq(deputies.tenantId, table.tenantId), eq(deputies.id, table.deputyId)),
  ) as unknown as Q;
}

/**
 * The records of some deputies for a period (first and last day, both included, in Asia/Shanghai):
 * a handful of grouped queries, whatever the number of deputies. `which` is the condition on
 * `deputies` that picks them (one id, a township…): the queries join it rather than carry a
 * list of thousands of ids.
 */
export async function countDeputyRecords(
  tx: TenantTx,
  which: SQL | undefined,
  period: { from: string; to: string },
  /** Only these figures (the others stay 0): sorting a county by one figure counts that one. */
  figures?: readonly (keyof TDeputyRecord)[],
): Promise<Map<string, TDeputyRecord>> {
  const wants = (...some: (keyof TDeputyRecord)[]) => !figures || some.some((f) => figures.includes(f));
  // The ledger kinds the figures count; all of them for 接待人次, which every kind adds to.
  const kinds =
    !figures || figures.includes("peopleReceived")
      ? undefined
      : (Object.keys(ACTIVITY_FIELDS) as TActivityKind[]).filter((kind) => figures.includes(ACTIVITY_FIELDS[kind]));
  const tenantId = tx.tenantId;
  const picked = and(eq(deputies.tenantId, tenantId), which);
  const pickedIds = tx.select({ id: deputies.id }).from(deputies).where(picked);
  const { start, end } = shanghaiDaySpan(period);
  const inPeriod: SQL[] = [gte(suggestions.receivedOn, period.from), lte(suggestions.receivedOn, period.to)];
  // Independent counts, issued together: the connection pipelines them, so the database counts the
  // next while Node reads the last.
  const [people, ledger, posts, steps, led, seconded, visits] = await Promise.all([
    tx.select({ id: deputies.id, userId: deputies.userId }).from(deputies).where(picked),
    wants(...Object.values(ACTIVITY_FIELDS), "peopleReceived") ? attendanceCounts(tx, which, period, { kinds }) : [],
    // A post counts when its claim was approved before the period ended and not ended before it began.
    !wants("postsHeld")
      ? []
      : tx
          .select({ deputyId: postClaims.deputyId, held: count() })
          .from(postClaims)
          .where(
            and(
              eq(postClaims.tenantId, tenantId),
              inArray(postClaims.deputyId, pickedIds),
              inArray(postClaims.status, ["approved", "ended"]),
              isNotNull(postClaims.decidedAt),
              lt(postClaims.decidedAt, end),
              or(isNull(postClaims.endedAt), gte(postClaims.endedAt, start)),
            ),
          )
          .groupBy(postClaims.deputyId),
    // What the deputy's own account did on cases: the opinions it started, and the steps it took.
    !wants("opinionsRegistered", "caseSteps")
      ? []
      : tx
          .select({ userId: caseEvents.actorUserId, type: caseEvents.type, kind: cases.kind, events: count() })
          .from(caseEvents)
          .innerJoin(cases, and(eq(cases.tenantId, caseEvents.tenantId), eq(cases.id, caseEvents.caseId)))
          .where(
            and(
              eq(caseEvents.tenantId, tenantId),
              // Says what the index on steps by account holds (it leaves out steps of no account).
              isNotNull(caseEvents.actorUserId),
              inArray(
                caseEvents.actorUserId,
                tx
                  .select({ userId: deputies.userId })
                  .from(deputies)
                  .where(and(picked, isNotNull(deputies.userId))),
              ),
              gte(caseEvents.at, start),
              lt(caseEvents.at, end),
            ),
          )
          .groupBy(caseEvents.actorUserId, caseEvents.type, cases.kind),
    !wants("suggestionsLed", "consultations")
      ? []
      : tx
          .select({
            deputyId: suggestions.leadDeputyId,
            suggestions: count(),
            consultations: sum(cases.consultations),
          })
          .from(suggestions)
          .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
          .where(and(eq(suggestions.tenantId, tenantId), inArray(suggestions.leadDeputyId, pickedIds), ...inPeriod))
          .groupBy(suggestions.leadDeputyId),
    // A county's year has hundreds of suggestions: those with 附议 deputies are read, the picked ones counted.
    !wants("suggestionsSeconded")
      ? []
      : tx
          .select({ coDeputyIds: suggestions.coDeputyIds })
          .from(suggestions)
          .where(
            and(eq(suggestions.tenantId, tenantId), sql`cardinality(${suggestions.coDeputyIds}) > 0`, ...inPeriod),
          ),
    !wants("pairVisits")
      ? []
      : ofPicked(
          tx.select({ deputyId: pairVisits.deputyId, visits: count() }).from(pairVisits).$dynamic(),
          pairVisits,
          which,
        )
          .where(
            and(
              eq(pairVisits.tenantId, tenantId),
              which,
              gte(pairVisits.visitedOn, period.from),
              lte(pairVisits.visitedOn, period.to),
            ),
          )
          .groupBy(pairVisits.deputyId),
  ]);

  const records = new Map(people.map((p) => [p.id, emptyDeputyRecord()]));
  const add = (deputyId: string, field: keyof TDeputyRecord, value: unknown) => {
    const record = records.get(deputyId);
    if (record) record[field] += Number(value ?? 0);
  };
  for (const row of ledger) {
    add(row.deputyId, ACTIVITY_FIELDS[row.kind], row.entries);
    add(row.deputyId, "peopleReceived", row.people);
  }
  for (const row of posts) add(row.deputyId, "postsHeld", row.held);
  const deputyOfUser = new Map(people.filter((p) => p.userId).map((p) => [p.userId!, p.id]));
  for (const row of steps) {
    const deputyId = deputyOfUser.get(row.userId!)!;
    if (row.type !== CASE_STARTED) add(deputyId, "caseSteps", row.events);
    else if (row.kind === "opinion") add(deputyId, "opinionsRegistered", row.events);
  }
  for (const row of led) {
    add(row.deputyId, "suggestionsLed", row.suggestions);
    add(row.deputyId, "consultations", row.consultations);
  }
  for (const row of seconded) for (const deputyId of row.coDeputyIds) add(deputyId, "suggestionsSeconded", 1);
  for (const row of visits) add(row.deputyId, "pairVisits", row.visits);
  return records;
}
