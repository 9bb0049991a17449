import { assertCan } from "@rdlink/auth";
import { dutyPosts, postClaims, stationPosts, type TenantTx } from "@rdlink/db";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";

/** The county's duty post catalog, with how many stations offer each post and how many deputies hold it. */
export async function listDutyPosts(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const offered = tx
    .select({ postId: stationPosts.postId, stations: count().as("stations") })
    .from(stationPosts)
    .where(and(eq(stationPosts.tenantId, tx.tenantId), isNull(stationPosts.withdrawnAt)))
    .groupBy(stationPosts.postId)
    .as("offered");
  const held = tx
    .select({ postId: postClaims.postId, holders: count().as("holders") })
    .from(postClaims)
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.status, "approved")))
    .groupBy(postClaims.postId)
    .as("held");
  return tx
    .select({
      id: dutyPosts.id,
      name: dutyPosts.name,
      description: dutyPosts.description,
      archivedAt: dutyPosts.archivedAt,
      stations: sql<number>`coalesce(${offered.stations}, 0)::int`,
      holders: sql<number>`coalesce(${held.holders}, 0)::int`,
    })
    .from(dutyPosts)
    .leftJoin(offered, eq(offered.postId, dutyPosts.id))
    .leftJoin(held, eq(held.postId, dutyPosts.id))
    .where(eq(dutyPosts.tenantId, tx.tenantId))
    .orderBy(asc(dutyPosts.archivedAt), asc(dutyPosts.sortOrder), asc(naturalOrder(dutyPosts.name)));
}
