import { assertCan, can, townshipsInScope } from "@rdlink/auth";
import { activityKinds, dutyPosts, stations, type TenantTx, townships } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, asc, eq, isNull, ne, type SQL } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

/**
 * What the ledger form offers: the stations the actor records for (a liaison officer's and
 * a township operator's townships, every station for the county admin), the kinds of
 * activity and the duty posts.
 */
export async function listLedgerChoices(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId });
  const recordable = await tx
    .select({ id: stations.id, name: stations.name, townshipId: stations.townshipId, townshipName: townships.name })
    .from(stations)
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .where(
      and(
        ...([
          eq(stations.tenantId, tx.tenantId),
          ne(stations.status, "closed"),
          inTownshipScope(stations.townshipId, townshipsInScope(ctx.actor)),
        ] as (SQL | undefined)[]),
      ),
    )
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(stations.name)));
  const posts = await tx
    .select({ id: dutyPosts.id, name: dutyPosts.name })
    .from(dutyPosts)
    .where(and(eq(dutyPosts.tenantId, tx.tenantId), isNull(dutyPosts.archivedAt)))
    .orderBy(asc(dutyPosts.sortOrder));
  return {
    /** The latest day an entry may have (Asia/Shanghai). */
    today: localDateOf(ctx.clock.now()),
    kinds: activityKinds,
    stations: recordable.filter((s) =>
      can(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId, townshipId: s.townshipId }),
    ),
    posts,
  };
}
