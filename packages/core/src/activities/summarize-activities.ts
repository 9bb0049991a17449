import { assertCan } from "@rdlink/auth";
import { activities, activityKinds, type TActivityKind, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { count, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { activityConditions, ledgerPeriod, ZActivityFilters } from "./activity-filters";

export type TActivityFigures = {
  entries: number;
  peopleReceived: number;
  disputesMediated: number;
  jobsArranged: number;
};

/**
 * The figures counties report (接待群众人次, 调解矛盾纠纷起数, 安排就业人次 …) for a station,
 * a township or the whole county over a period, by kind and in total. Without a period:
 * this year so far.
 */
export async function summarizeActivities(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  const filters = parseInput(ZActivityFilters, input);
  assertCan(ctx.actor, "tenant.activities.read", { tenantId: tx.tenantId, townshipId: filters.townshipId });
  const today = localDateOf(ctx.clock.now());
  const period = ledgerPeriod(filters, today);
  const rows = await tx
    .select({
      kind: activities.kind,
      entries: count(),
      peopleReceived: sql<number>`coalesce(sum(${activities.peopleReceived}), 0)::int`,
      disputesMediated: sql<number>`coalesce(sum(${activities.disputesMediated}), 0)::int`,
      jobsArranged: sql<number>`coalesce(sum(${activities.jobsArranged}), 0)::int`,
    })
    .from(activities)
    .where(activityConditions(tx.tenantId, ctx, { ...filters, ...period }))
    .groupBy(activities.kind);
  const zero: TActivityFigures = { entries: 0, peopleReceived: 0, disputesMediated: 0, jobsArranged: 0 };
  const byKind = activityKinds.map((kind): TActivityFigures & { kind: TActivityKind } => {
    const { kind: _, ...figures } = rows.find((r) => r.kind === kind) ?? { kind, ...zero };
    return { kind, ...figures };
  });
  const total = byKind.reduce(
    (sum, k) => ({
      entries: sum.entries + k.entries,
      peopleReceived: sum.peopleReceived + k.peopleReceived,
      disputesMediated: sum.disputesMediated + k.disputesMediated,
      jobsArranged: sum.jobsArranged + k.jobsArranged,
    }),
    zero,
  );
  return { period, byKind, total };
}
