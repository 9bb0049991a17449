import { assertCan, stationScope } from "@rdlink/auth";
import { communities, deputies, gridDeputies, grids, type TenantTx, townships } from "@rdlink/db";
import { and, asc, count, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { ZPaging } from "../shared/paging";
import { inTownshipScope } from "../shared/scope";

export const ZListGrids = z.object({
  search: z.string().trim().max(60).optional(),
  townshipId: z.uuid().optional().catch(undefined),
  communityId: z.uuid().optional().catch(undefined),
  ...ZPaging,
});

/**
 * Grids (网格) of the townships the actor may see, with their community, township and
 * deputies; searched by grid or community name and filtered on the server, a page at a time.
 */
export async function listGrids(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { search, townshipId, communityId, page, pageSize } = parseInput(ZListGrids, input);
  const where = and(
    ...([
      eq(grids.tenantId, tx.tenantId),
      search ? or(ilike(grids.name, `%${search}%`), ilike(communities.name, `%${search}%`)) : undefined,
      townshipId ? eq(communities.townshipId, townshipId) : undefined,
      communityId ? eq(grids.communityId, communityId) : undefined,
      inTownshipScope(communities.townshipId, stationScope(ctx.actor)),
    ] as (SQL | undefined)[]),
  );
  const withCommunity = and(eq(communities.tenantId, grids.tenantId), eq(communities.id, grids.communityId));
  const [rows, [total]] = await Promise.all([
    tx
      .select({
        id: grids.id,
        name: grids.name,
        communityId: grids.communityId,
        communityName: communities.name,
        townshipId: communities.townshipId,
        townshipName: townships.name,
      })
      .from(grids)
      .innerJoin(communities, withCommunity)
      .innerJoin(townships, and(eq(townships.tenantId, grids.tenantId), eq(townships.id, communities.townshipId)))
      .where(where)
      .orderBy(asc(townships.sortOrder), asc(naturalOrder(communities.name)), asc(naturalOrder(grids.name)))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(grids).innerJoin(communities, withCommunity).where(where),
  ]);
  const members = rows.length
    ? await tx
        .select({ gridId: gridDeputies.gridId, id: deputies.id, name: deputies.name })
        .from(gridDeputies)
        .innerJoin(deputies, and(eq(deputies.tenantId, gridDeputies.tenantId), eq(deputies.id, gridDeputies.deputyId)))
        .where(
          and(
            eq(gridDeputies.tenantId, tx.tenantId),
            inArray(
              gridDeputies.gridId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(naturalOrder(deputies.name)))
    : [];
  return {
    rows: rows.map((grid) => ({
      ...grid,
      deputies: members.filter((m) => m.gridId === grid.id).map(({ id, name }) => ({ id, name })),
    })),
    total: total?.value ?? 0,
    page,
    pageSize,
  };
}
