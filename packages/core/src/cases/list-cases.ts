import { assertCan } from "@rdlink/auth";
import { cases, handlingUnits, stations, type TenantTx, townships } from "@rdlink/db";
import type { TLocalizedText } from "@rdlink/forms";
import { addDays } from "@rdlink/workflow/calendar/working-time";
import { and, asc, count, desc, eq, gte, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { ZPaging } from "../shared/paging";
import { startOfShanghaiDay } from "../shared/shanghai-days";
import { CASE_CATEGORIES } from "./case-categories";
import { caseIsOnStaffDesk, caseIsOverdue } from "./case-progress";
import { caseScope, onDesk } from "./case-scope";
import { deadlineCountdown } from "./deadline-countdown";
import { DrizzleCaseStore } from "./drizzle-case-store";

/** The columns the list sorts by, ascending or ("-") descending. */
export const CASE_SORTS = ["due", "-due", "received", "-received", "title", "-title"] as const;

const ZDay = z.iso.date().optional().catch(undefined);

export const ZCaseListQuery = z.object({
  /** mine: open cases on my desk; all: every case I may open. */
  view: z.enum(["mine", "all"]).default("mine").catch("mine"),
  state: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/)
    .optional()
    .catch(undefined),
  stationId: z.uuid().optional().catch(undefined),
  category: z.enum(CASE_CATEGORIES).optional().catch(undefined),
  deadline: z.enum(["overdue", "warning"]).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  /** Received on or after / on or before these Asia/Shanghai days (a malformed day is ignored). */
  from: ZDay,
  to: ZDay,
  /** A column and its direction ("-" descending); the deadline, soonest first, unless chosen. */
  sort: z.enum(CASE_SORTS).default("due").catch("due"),
  ...ZPaging,
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/**
 * The workbench list: the cases on my desk (or all I may open), soonest deadline first,
 * with the deadline's state — overdue (red), warning (amber) — decided here, at `now`.
 */
export async function listCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.read", { tenantId: tx.tenantId });
  const query = parseInput(ZCaseListQuery, input);
  const where = caseListConditions(tx, ctx, query, now);
  const [rows, [total]] = await Promise.all([
    selectCaseRows(tx)
      .where(where)
      .orderBy(...caseListOrder(query.sort))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ value: count() }).from(cases).where(where),
  ]);
  // Published versions are cached by the store: labels cost no query after the first page.
  const store = new DrizzleCaseStore(tx);
  const labelled = await labelCaseRows(store, rows, now);
  return { query, total: total?.value ?? 0, cases: labelled, states: await stateOptions(tx, ctx, store) };
}

/** The list's conditions: this county, the actor's scope, then the query's filters, at `now`. */
export function caseListConditions(tx: TenantTx, ctx: UseCaseContext, query: TCaseListQuery, now: Date) {
  const filters: (SQL | undefined)[] = [
    eq(cases.tenantId, tx.tenantId),
    caseScope(tx, ctx.actor),
    query.view === "mine" ? onDesk(tx, ctx.actor) : undefined,
    query.state ? eq(cases.state, query.state) : undefined,
    query.stationId ? eq(cases.stationId, query.stationId) : undefined,
    query.category ? eq(cases.category, query.category) : undefined,
    query.deadline === "overdue" ? caseIsOverdue(now) : undefined,
    query.deadline === "warning"
      ? and(caseIsOnStaffDesk, lt(cases.warnAt, now), isNull(cases.overdueAt), gte(cases.dueAt, now))
      : undefined,
    query.q
      ? or(ilike(cases.title, `%${escapeLike(query.q)}%`), eq(cases.trackingCode, query.q.toUpperCase()))
      : undefined,
    query.from ? gte(cases.createdAt, startOfShanghaiDay(query.from)) : undefined,
    query.to ? lt(cases.createdAt, startOfShanghaiDay(addDays(query.to, 1))) : undefined,
  ];
  return and(...filters);
}

/** The order of a sort, with the creation time and id after it so that pages never overlap. */
export function caseListOrder(sort: TCaseListQuery["sort"]): SQL[] {
  const descending = sort.startsWith("-");
  const dir = descending ? sql.raw("desc") : sql.raw("asc");
  switch (sort.replace("-", "")) {
    case "received":
      return [sql`${cases.createdAt} ${dir}`, sql`${cases.id} ${dir}`];
    case "title":
      return [sql`${naturalOrder(cases.title)} ${dir} nulls last`, asc(cases.id)];
    default:
      return [sql`${cases.dueAt} ${dir} nulls last`, desc(cases.createdAt), asc(cases.id)];
  }
}

/** The list's columns, joined to the names of the case's station, township and unit. */
export function selectCaseRows(tx: TenantTx) {
  return tx
    .select({
      id: cases.id,
      seq: cases.seq,
      versionId: cases.versionId,
      title: cases.title,
      state: cases.state,
      status: cases.status,
      assigneeRole: cases.assigneeRole,
      category: cases.category,
      channel: cases.channel,
      trackingCode: cases.trackingCode,
      stationName: stations.name,
      townshipName: townships.name,
      handlingUnitName: handlingUnits.name,
      dueAt: cases.dueAt,
      warnAt: cases.warnAt,
      overdueAt: cases.overdueAt,
      closedAt: cases.closedAt,
      unattended: sql<boolean>`${cases.unattendedSince} is not null`,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .leftJoin(stations, and(eq(stations.tenantId, cases.tenantId), eq(stations.id, cases.stationId)))
    .leftJoin(townships, and(eq(townships.tenantId, cases.tenantId), eq(townships.id, cases.townshipId)))
    .leftJoin(
      handlingUnits,
      and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId)),
    );
}

type TCaseRow = Awaited<ReturnType<ReturnType<typeof selectCaseRows>["where"]>>[number];

/**
 * Each row with its state's label (from its workflow version), its deadline's state at `now` and
 * the countdown in the same words as the case page: working days left, or days overdue.
 */
export async function labelCaseRows(store: DrizzleCaseStore, rows: TCaseRow[], now: Date) {
  const calendar = await store.calendar();
  return Promise.all(
    rows.map(async ({ versionId, ...row }) => {
      const { definition } = await store.loadVersion(versionId);
      const stateLabel = definition.states[row.state]?.label ?? { "zh-CN": row.state };
      const deadline = deadlineState(row, now);
      const countdown = deadline !== "none" && row.dueAt ? deadlineCountdown(row.dueAt, now, calendar) : null;
      return { ...row, stateLabel, deadline, countdown };
    }),
  );
}

/** Red past the deadline (or once one passed), amber after the first warning; only on a staff desk. */
export function deadlineState(
  row: { status: string; assigneeRole: string | null; dueAt: Date | null; warnAt: Date | null; overdueAt: Date | null },
  now: Date,
): "overdue" | "warning" | "onTime" | "none" {
  if (row.status !== "active" || !row.assigneeRole || row.assigneeRole === "citizen") return "none";
  if (row.overdueAt || (row.dueAt && row.dueAt < now)) return "overdue";
  if (row.warnAt && row.warnAt < now) return "warning";
  return row.dueAt ? "onTime" : "none";
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The states the actor's open cases are in, for the state filter (labels from their versions). */
async function stateOptions(tx: TenantTx, ctx: UseCaseContext, store: DrizzleCaseStore) {
  const rows = await tx
    .selectDistinct({ versionId: cases.versionId, state: cases.state })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.status, "active"), caseScope(tx, ctx.actor)));
  const options = new Map<string, { value: string; label: TLocalizedText }>();
  for (const row of rows) {
    if (options.has(row.state)) continue;
    const { definition } = await store.loadVersion(row.versionId);
    options.set(row.state, { value: row.state, label: definition.states[row.state]?.label ?? { "zh-CN": row.state } });
  }
  return [...options.values()];
}
