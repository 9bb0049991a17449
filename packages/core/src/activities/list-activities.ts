import { assertCan } from "@rdlink/auth";
import { activities, activityDeputies, stations, type TenantTx, townships } from "@rdlink/db";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";
import { activityConditions, ZActivityFilters } from "./activity-filters";

export const ZListActivities = ZActivityFilters.extend(ZPaging);

/**
 * The ledger of the townships the actor may see, newest day first, filtered by township,
 * station, kind, period and words of the summary on the server, a page at a time.
 */
export async function listActivities(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.activities.read", { tenantId: tx.tenantId });
  const { page, pageSize, ...filters } = parseInput(ZListActivities, input);
  const where = activityConditions(tx.tenantId, ctx, filters);
  const [rows, [total]] = await Promise.all([
    tx
      .select({
        id: activities.id,
        day: activities.day,
        kind: activities.kind,
        stationId: activities.stationId,
        stationName: stations.name,
        townshipName: townships.name,
        peopleReceived: activities.peopleReceived,
        disputesMediated: activities.disputesMediated,
        jobsArranged: activities.jobsArranged,
        summary: sql<string>`left(${activities.summary}, 120)`,
        photoCount: sql<number>`jsonb_array_length(${activities.photoIds})::int`,
        deputyCount: sql<number>`(select count(*)::int from ${activityDeputies} where ${activityDeputies.tenantId} = ${activities.tenantId} and ${activityDeputies.activityId} = ${activities.id})`,
      })
      .from(activities)
      .innerJoin(stations, and(eq(stations.tenantId, activities.tenantId), eq(stations.id, activities.stationId)))
      .innerJoin(townships, and(eq(townships.tenantId, activities.tenantId), eq(townships.id, activities.townshipId)))
      .where(where)
      .orderBy(desc(activities.day), desc(activities.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(activities).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize };
}
