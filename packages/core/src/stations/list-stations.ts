import { assertCan, stationScope } from "@rdlink/auth";
import { stations, stationTypes, type TenantTx, townships } from "@rdlink/db";
import { and, asc, count, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

export const ZListStations = z.object({
  search: z.string().trim().max(60).optional(),
  townshipId: z.uuid().optional().catch(undefined),
  stationTypeId: z.uuid().optional().catch(undefined),
  status: z.enum(["planned", "active", "closed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});

/** Stations the actor may see, searchable and filtered on the server, a page at a time. */
export async function listStations(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { search, townshipId, stationTypeId, status, page, pageSize } = parseInput(ZListStations, input);
  const scope = stationScope(ctx.actor);
  const where = and(
    ...([
      eq(stations.tenantId, tx.tenantId),
      search ? ilike(stations.name, `%${search}%`) : undefined,
      townshipId ? eq(stations.townshipId, townshipId) : undefined,
      stationTypeId ? eq(stations.stationTypeId, stationTypeId) : undefined,
      status ? eq(stations.status, status) : undefined,
      inTownshipScope(stations.townshipId, scope),
    ] as (SQL | undefined)[]),
  );
  const rows = await tx
    .select({
      id: stations.id,
      name: stations.name,
      status: stations.status,
      typeName: stationTypes.name,
      townshipName: townships.name,
    })
    .from(stations)
    .innerJoin(
      stationTypes,
      and(eq(stationTypes.tenantId, stations.tenantId), eq(stationTypes.id, stations.stationTypeId)),
    )
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .where(where)
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(stations.name)))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await tx.select({ value: count() }).from(stations).where(where);
  return { rows, total: total?.value ?? 0, page, pageSize };
}
