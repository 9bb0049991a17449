import { dutyPosts, memberships, stationTypes, type TenantTx, tenants, townships } from "@rdlink/db";
import { and, count, countDistinct, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";

/** The county console's first page: what the county has set up so far. */
export async function getCountyOverview(tx: TenantTx, ctx: UseCaseContext) {
  if (ctx.actor.tenantId !== tx.tenantId) throw new NotFoundError();
  const [[tenant], [townshipCount], [userCount], [typeCount], [postCount]] = await Promise.all([
    tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)),
    tx
      .select({ value: count() })
      .from(townships)
      .where(and(eq(townships.tenantId, tx.tenantId), isNull(townships.archivedAt))),
    tx
      .select({ value: countDistinct(memberships.userId) })
      .from(memberships)
      .where(eq(memberships.tenantId, tx.tenantId)),
    tx
      .select({ value: count() })
      .from(stationTypes)
      .where(and(eq(stationTypes.tenantId, tx.tenantId), isNull(stationTypes.archivedAt))),
    tx
      .select({ value: count() })
      .from(dutyPosts)
      .where(and(eq(dutyPosts.tenantId, tx.tenantId), isNull(dutyPosts.archivedAt))),
  ]);
  if (!tenant) throw new NotFoundError();
  return {
    tenant,
    counts: {
      townships: townshipCount?.value ?? 0,
      users: userCount?.value ?? 0,
      stationTypes: typeCount?.value ?? 0,
      dutyPosts: postCount?.value ?? 0,
    },
  };
}
