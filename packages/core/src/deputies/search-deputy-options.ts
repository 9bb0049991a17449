import { assertCan, stationScope } from "@rdlink/auth";
import { deputies, deputyStations, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, ilike, isNull, notExists, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

export const ZSearchDeputyOptions = z.object({
  search: z.string().trim().max(30).optional().catch(undefined),
  townshipId: z.uuid().optional().catch(undefined),
  /** Only deputies not yet in this station (代表进站 offers no one twice). */
  notInStationId: z.uuid().optional().catch(undefined),
});

/**
 * Up to `limit` (20) deputies the actor may see whose name matches, for pickers (deputies present
 * at an activity, a grid's deputies): names and levels only, never phone numbers. Those already
 * in a station are left out here, before the limit: filtered in the browser, a station holding
 * the first 20 names would leave its picker empty.
 */
export async function searchDeputyOptions(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}, limit = 20) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { search, townshipId, notInStationId } = parseInput(ZSearchDeputyOptions, input);
  return tx
    .select({ id: deputies.id, name: deputies.name, level: deputies.level, townshipName: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(
      and(
        ...([
          eq(deputies.tenantId, tx.tenantId),
          isNull(deputies.archivedAt),
          search ? ilike(deputies.name, `%${search}%`) : undefined,
          townshipId ? eq(deputies.townshipId, townshipId) : undefined,
          inTownshipScope(deputies.townshipId, stationScope(ctx.actor)),
          notInStationId
            ? notExists(
                tx
                  .select({ one: deputyStations.deputyId })
                  .from(deputyStations)
                  .where(
                    and(
                      eq(deputyStations.tenantId, tx.tenantId),
                      eq(deputyStations.stationId, notInStationId),
                      eq(deputyStations.deputyId, deputies.id),
                    ),
                  ),
              )
            : undefined,
        ] as (SQL | undefined)[]),
      ),
    )
    .orderBy(asc(naturalOrder(deputies.name)))
    .limit(limit);
}
