import { assertCan, townshipsInScope } from "@rdlink/auth";
import { communities, grids, type TenantTx, townships } from "@rdlink/db";
import { and, asc, count, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

export const ZListCommunities = z.object({
  townshipId: z.uuid().optional().catch(undefined),
  includeArchived: z.preprocess((v) => v === true || v === "true" || v === "1", z.boolean()),
});

/**
 * The villages and communities of the townships the actor works for (or of one of them),
 * each with its number of grids: for the township page and the grid pickers.
 */
export async function listCommunities(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  const { townshipId, includeArchived } = parseInput(ZListCommunities, input);
  assertCan(ctx.actor, "tenant.townships.read", { tenantId: tx.tenantId, townshipId });
  return tx
    .select({
      id: communities.id,
      name: communities.name,
      divisionCode: communities.divisionCode,
      archived: communities.archivedAt,
      townshipId: communities.townshipId,
      townshipName: townships.name,
      gridCount: count(grids.id),
    })
    .from(communities)
    .innerJoin(townships, and(eq(townships.tenantId, communities.tenantId), eq(townships.id, communities.townshipId)))
    .leftJoin(grids, and(eq(grids.tenantId, communities.tenantId), eq(grids.communityId, communities.id)))
    .where(
      and(
        ...([
          eq(communities.tenantId, tx.tenantId),
          townshipId ? eq(communities.townshipId, townshipId) : undefined,
          includeArchived ? undefined : isNull(communities.archivedAt),
          inTownshipScope(communities.townshipId, townshipsInScope(ctx.actor)),
        ] as (SQL | undefined)[]),
      ),
    )
    .groupBy(communities.id, communities.tenantId, townships.id, townships.tenantId)
    .orderBy(asc(townships.sortOrder), asc(communities.divisionCode), asc(naturalOrder(communities.name)))
    .then((rows) => rows.map(({ archived, ...row }) => ({ ...row, archived: archived !== null })));
}
