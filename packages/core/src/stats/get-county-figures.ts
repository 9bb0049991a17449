import { assertCan, townshipsInScope } from "@rdlink/auth";
import { activities, cases, handlingUnits, selectRows, stations, type TenantTx, townships } from "@rdlink/db";
import { workflowKinds } from "@rdlink/workflow";
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { caseIsClosed, caseIsOpen } from "../cases/case-progress";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { naturalCompare, naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { shanghaiDaySpan } from "../shared/shanghai-days";

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate");

export const ZCountyFiguresInput = z
  .object({
    /** First and last day of the period, both included, as days in Asia/Shanghai. */
    from: ZDay,
    to: ZDay,
    townshipId: z.uuid().optional(),
    stationId: z.uuid().optional(),
  })
  .refine((p) => p.from <= p.to, { path: ["to"], message: "validation.invalid" })
  .refine((p) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) <= 10, {
    path: ["from"],
    message: "validation.invalid",
  });
export type TCountyFiguresInput = z.infer<typeof ZCountyFiguresInput>;

/**
 * What a county reports for a period, for the county, a township or a station. These are
 * about 意见建议 (workflows of kind opinion and suggestion); every process's own counts are in
 * `processes`. Each opinion counts once: one merged into a suggestion (整合) counts as received,
 * but neither it nor the suggestion made of it counts again (received or closed) as a case.
 */
export type TFigures = {
  /** 意见建议 received: opinions and suggestions opened in the period, suggestions made by 整合 aside. */
  received: number;
  /** Cases received by the end of the period that are still open now. */
  open: number;
  /** Of those, the ones past a deadline: once overdue, or their current deadline has passed. */
  overdue: number;
  /** Cases that reached a closing state (办结) in the period. */
  closed: number;
  /** Mean days from receipt to closing, of the cases closed in the period (one decimal). */
  avgHandlingDays: number | null;
  /** The latest ratings of the cases closed in the period. */
  satisfied: number;
  basic: number;
  unsatisfied: number;
  rated: number;
  /** (满意 + 基本满意) / rated; null when nothing was rated. */
  satisfactionRate: number | null;
  /** From the ledger (履职台账): 接待人次, 调解矛盾纠纷, 安排就业. */
  peopleReceived: number;
  disputesMediated: number;
  jobsArranged: number;
};

export type TUnitFigures = {
  handlingUnitId: string;
  name: string;
  /** Cases received in the period that are with this unit. */
  assigned: number;
  closed: number;
  /** Closed in the period without ever passing a task deadline. */
  closedOnTime: number;
  /** closedOnTime / closed; null when it closed nothing. */
  onTimeRate: number | null;
  rated: number;
  satisfactionRate: number | null;
};

export type TCountyFigures = Awaited<ReturnType<typeof getCountyFigures>>;

/** A timestamptz column's month in Asia/Shanghai, without relying on the server's time zone data. */
const monthOf = (column: SQL | typeof cases.createdAt) =>
  sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/**
 * The county dashboard's figures for a period: received, open, overdue and closed cases,
 * handling time and satisfaction, and the ledger's people received, disputes mediated and
 * jobs arranged; in total, by township and by station, month by month, and a league table
 * of the handling units. The county admin sees the county; a township operator only their
 * townships (a township outside them is refused, a station outside them is not found).
 * Everything is a handful of grouped queries; the tables are filled in from their groups.
 */
export async function getCountyFigures(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const filters = parseInput(ZCountyFiguresInput, input);
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId: filters.townshipId });
  const tenantId = tx.tenantId;
  const scope = townshipsInScope(ctx.actor);

  const townshipRows = await tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(
      and(
        eq(townships.tenantId, tenantId),
        isNull(townships.archivedAt),
        inTownshipScope(townships.id, scope),
        filters.townshipId ? eq(townships.id, filters.townshipId) : undefined,
      ),
    )
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(townships.name)));
  if (filters.townshipId && townshipRows.length === 0) throw new NotFoundError();
  const stationRows = await tx
    .select({
      id: stations.id,
      name: stations.name,
      townshipId: stations.townshipId,
    })
    .from(stations)
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .where(
      and(
        eq(stations.tenantId, tenantId),
        inTownshipScope(stations.townshipId, scope),
        filters.townshipId ? eq(stations.townshipId, filters.townshipId) : undefined,
        filters.stationId ? eq(stations.id, filters.stationId) : undefined,
      ),
    )
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(stations.name)));
  if (filters.stationId && stationRows.length === 0) throw new NotFoundError();

  const span = shanghaiDaySpan(filters);
  const start = span.start.toISOString();
  const end = span.end.toISOString();
  const at = now.toISOString();

  const inScope = (township: AnyPgColumn, station: AnyPgColumn) =>
    [
      inTownshipScope(township, scope),
      filters.townshipId ? eq(township, filters.townshipId) : undefined,
      filters.stationId ? eq(station, filters.stationId) : undefined,
    ] as (SQL | undefined)[];
  const caseScope = and(eq(cases.tenantId, tenantId), ...inScope(cases.townshipId, cases.stationId))!;
  const activityScope = and(
    eq(activities.tenantId, tenantId),
    ...inScope(activities.townshipId, activities.stationId),
    sql`${activities.day} between ${filters.from}::date and ${filters.to}::date`,
  )!;

  // 意见建议, each once: a suggestion made of merged opinions is not received again, and a merged
  // opinion is not closed (it goes on in the suggestion).
  const isOpinionOrSuggestion = sql`${cases.kind} in ('opinion', 'suggestion')`;
  const madeByMerging = sql`exists (select 1 from ${cases} as source
    where source.tenant_id = ${cases.tenantId} and source.merged_into_id = ${cases.id})`;
  const openedIn = sql`${cases.createdAt} >= ${start}::timestamptz and ${cases.createdAt} < ${end}::timestamptz`;
  const endedIn = sql`${cases.closedAt} >= ${start}::timestamptz and ${cases.closedAt} < ${end}::timestamptz`;
  const receivedIn = sql`${isOpinionOrSuggestion} and ${openedIn} and not ${madeByMerging}`;
  // 在办 and 办结 as every count defines them (case-progress.ts).
  const closedIn = sql`${isOpinionOrSuggestion} and ${endedIn} and ${caseIsClosed}`;
  const openNow = sql`${isOpinionOrSuggestion} and ${caseIsOpen} and ${cases.createdAt} < ${end}::timestamptz`;
  const overdueNow = sql`(${cases.overdueAt} is not null or ${cases.dueAt} < ${at}::timestamptz)`;
  const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const rated = (level: string) => countWhere(sql`${closedIn} and ${cases.satisfaction} = ${level}`);

  const [caseGroups, activityGroups, caseMonths, activityMonths, unitRows, processRows] = await Promise.all([
    tx
      .select({
        townshipId: cases.townshipId,
        stationId: cases.stationId,
        received: countWhere(receivedIn),
        open: countWhere(openNow),
        overdue: countWhere(sql`${openNow} and ${overdueNow}`),
        closed: countWhere(closedIn),
        handlingSeconds: sql<number>`coalesce(sum(extract(epoch from ${cases.closedAt} - ${cases.createdAt})) filter (where ${closedIn}), 0)::float8`,
        satisfied: rated("satisfied"),
        basic: rated("basic"),
        unsatisfied: rated("unsatisfied"),
      })
      .from(cases)
      // Every figure is about a case received before the period ended.
      .where(and(caseScope, sql`${cases.createdAt} < ${end}::timestamptz`))
      .groupBy(cases.townshipId, cases.stationId),
    tx
      .select({
        townshipId: activities.townshipId,
        stationId: activities.stationId,
        peopleReceived: sql<number>`coalesce(sum(${activities.peopleReceived}), 0)::int`,
        disputesMediated: sql<number>`coalesce(sum(${activities.disputesMediated}), 0)::int`,
        jobsArranged: sql<number>`coalesce(sum(${activities.jobsArranged}), 0)::int`,
      })
      .from(activities)
      .where(activityScope)
      .groupBy(activities.townshipId, activities.stationId),
    selectRows<{ month: string; received: number; closed: number }>(
      tx,
      sql`select month, sum(received)::int as received, sum(closed)::int as closed from (
            select ${monthOf(cases.createdAt)} as month, 1 as received, 0 as closed
              from ${cases} where ${caseScope} and ${receivedIn}
            union all
            select ${monthOf(sql`${cases.closedAt}`)}, 0, 1
              from ${cases} where ${caseScope} and ${closedIn}
          ) m group by month`,
    ),
    tx
      .select({
        month: sql<string>`to_char(${activities.day}, 'YYYY-MM')`,
        peopleReceived: sql<number>`coalesce(sum(${activities.peopleReceived}), 0)::int`,
      })
      .from(activities)
      .where(activityScope)
      .groupBy(sql`1`),
    tx
      .select({
        handlingUnitId: handlingUnits.id,
        name: handlingUnits.name,
        assigned: countWhere(openedIn),
        closed: countWhere(endedIn),
        closedOnTime: countWhere(sql`${endedIn} and ${cases.overdueAt} is null`),
        rated: countWhere(sql`${endedIn} and ${cases.satisfaction} is not null`),
        satisfiedOrBasic: countWhere(sql`${endedIn} and ${cases.satisfaction} in ('satisfied', 'basic')`),
      })
      .from(cases)
      .innerJoin(
        handlingUnits,
        and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId)),
      )
      .where(and(caseScope, sql`((${receivedIn}) or (${endedIn}))`))
      .groupBy(handlingUnits.id, handlingUnits.name),
    // Each process on its own: every case of the kind, a merged opinion closing in its suggestion.
    tx
      .select({
        kind: cases.kind,
        received: countWhere(openedIn),
        open: countWhere(sql`${caseIsOpen} and ${cases.createdAt} < ${end}::timestamptz`),
        closed: countWhere(sql`${endedIn} and ${caseIsClosed}`),
      })
      .from(cases)
      .where(and(caseScope, sql`${cases.createdAt} < ${end}::timestamptz`))
      .groupBy(cases.kind),
  ]);

  type Sums = Omit<TFigures, "avgHandlingDays" | "rated" | "satisfactionRate"> & { handlingSeconds: number };
  const zero = (): Sums => ({
    received: 0,
    open: 0,
    overdue: 0,
    closed: 0,
    handlingSeconds: 0,
    satisfied: 0,
    basic: 0,
    unsatisfied: 0,
    peopleReceived: 0,
    disputesMediated: 0,
    jobsArranged: 0,
  });
  const total = zero();
  const byTownship = new Map<string, Sums>(townshipRows.map((t) => [t.id, zero()]));
  const byStation = new Map<string, Sums>(stationRows.map((s) => [s.id, zero()]));
  const add = (sums: Sums | undefined, row: Partial<Sums>) => {
    if (!sums) return;
    for (const key of Object.keys(row) as (keyof Sums)[]) sums[key] += Number(row[key] ?? 0);
  };
  for (const { townshipId, stationId, ...row } of [...caseGroups, ...activityGroups]) {
    add(total, row);
    if (townshipId) add(byTownship.get(townshipId), row);
    if (stationId) add(byStation.get(stationId), row);
  }

  const units = unitRows
    .map(
      ({ satisfiedOrBasic, ...unit }): TUnitFigures => ({
        ...unit,
        onTimeRate: unit.closed > 0 ? unit.closedOnTime / unit.closed : null,
        satisfactionRate: unit.rated > 0 ? satisfiedOrBasic / unit.rated : null,
      }),
    )
    .sort(
      (a, b) =>
        descending(a.onTimeRate, b.onTimeRate) ||
        descending(a.satisfactionRate, b.satisfactionRate) ||
        b.closed - a.closed ||
        b.assigned - a.assigned ||
        naturalCompare(a.name, b.name),
    );

  const months = monthsBetween(filters.from, filters.to).map((month) => {
    const cased = caseMonths.find((m) => m.month === month);
    return {
      month,
      received: Number(cased?.received ?? 0),
      closed: Number(cased?.closed ?? 0),
      peopleReceived: Number(activityMonths.find((m) => m.month === month)?.peopleReceived ?? 0),
    };
  });

  const townshipName = new Map(townshipRows.map((t) => [t.id, t.name]));
  return {
    period: { from: filters.from, to: filters.to },
    total: figuresOf(total),
    townships: townshipRows.map((t) => ({ townshipId: t.id, name: t.name, ...figuresOf(byTownship.get(t.id)!) })),
    stations: stationRows.map((s) => ({
      stationId: s.id,
      name: s.name,
      townshipId: s.townshipId,
      townshipName: townshipName.get(s.townshipId) ?? "",
      ...figuresOf(byStation.get(s.id)!),
    })),
    months,
    units,
    processes: workflowKinds
      .map((kind) => processRows.find((row) => row.kind === kind) ?? { kind, received: 0, open: 0, closed: 0 })
      .filter((row) => row.received + row.open + row.closed > 0),
  };
}

function figuresOf({
  handlingSeconds,
  ...sums
}: Omit<TFigures, "avgHandlingDays" | "rated" | "satisfactionRate"> & {
  handlingSeconds: number;
}): TFigures {
  const rated = sums.satisfied + sums.basic + sums.unsatisfied;
  return {
    ...sums,
    avgHandlingDays: sums.closed > 0 ? Math.round((handlingSeconds / sums.closed / 86_400) * 10) / 10 : null,
    rated,
    satisfactionRate: rated > 0 ? (sums.satisfied + sums.basic) / rated : null,
  };
}

/** Higher first, and a unit without the figure after every unit with it. */
function descending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Every month the period touches, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) return months;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}
