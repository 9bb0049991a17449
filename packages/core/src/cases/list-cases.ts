import { assertCan } from "@rdlink/auth";
import { cases, handlingUnits, stations, type TenantTx, townships } from "@rdlink/db";
import type { TLocalizedText } from "@rdlink/forms";
import { and, asc, count, desc, eq, gte, ilike, isNotNull, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";
import { CASE_CATEGORIES } from "./case-categories";
import { caseScope, onDesk } from "./case-scope";
import { DrizzleCaseStore } from "./drizzle-case-store";

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
  ...ZPaging,
});

/**
 * The workbench list: the cases on my desk (or all I may open), soonest deadline first,
 * with the deadline's state — overdue (red), warning (amber) — decided here, at `now`.
 */
export async function listCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.read", { tenantId: tx.tenantId });
  const query = parseInput(ZCaseListQuery, input);
  // On someone's desk (not the citizen's, not closed) and past a deadline, now or earlier in this case.
  const onStaffDesk = and(eq(cases.status, "active"), isNotNull(cases.assigneeRole), ne(cases.assigneeRole, "citizen"));
  const overdue = and(onStaffDesk, or(lt(cases.dueAt, now), isNotNull(cases.overdueAt)));
  const filters: (SQL | undefined)[] = [
    eq(cases.tenantId, tx.tenantId),
    caseScope(tx, ctx.actor),
    query.view === "mine" ? onDesk(tx, ctx.actor) : undefined,
    query.state ? eq(cases.state, query.state) : undefined,
    query.stationId ? eq(cases.stationId, query.stationId) : undefined,
    query.category ? eq(cases.category, query.category) : undefined,
    query.deadline === "overdue" ? overdue : undefined,
    query.deadline === "warning"
      ? and(onStaffDesk, lt(cases.warnAt, now), isNull(cases.overdueAt), gte(cases.dueAt, now))
      : undefined,
    query.q
      ? or(ilike(cases.title, `%${escapeLike(query.q)}%`), eq(cases.trackingCode, query.q.toUpperCase()))
      : undefined,
  ];
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    tx
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
        unattended: sql<boolean>`${cases.unattendedSince} is not null`,
        createdAt: cases.createdAt,
      })
      .from(cases)
      .leftJoin(stations, and(eq(stations.tenantId, cases.tenantId), eq(stations.id, cases.stationId)))
      .leftJoin(townships, and(eq(townships.tenantId, cases.tenantId), eq(townships.id, cases.townshipId)))
      .leftJoin(
        handlingUnits,
        and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId)),
      )
      .where(where)
      .orderBy(sql`${cases.dueAt} asc nulls last`, desc(cases.createdAt), asc(cases.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ value: count() }).from(cases).where(where),
  ]);
  // Published versions are cached by the store: labels cost no query after the first page.
  const store = new DrizzleCaseStore(tx);
  const labelled = await Promise.all(
    rows.map(async ({ versionId, ...row }) => {
      const { definition } = await store.loadVersion(versionId);
      const stateLabel = definition.states[row.state]?.label ?? { "zh-CN": row.state };
      return { ...row, stateLabel, deadline: deadlineState(row, now) };
    }),
  );
  return { query, total: total?.value ?? 0, cases: labelled, states: await stateOptions(tx, ctx, store) };
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
