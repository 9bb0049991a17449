import { assertCan, stationScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, ilike, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { inTownshipScope } from "../shared/scope";

export const ZSearchDeputyOptions = z.object({
  search: z.string().trim().max(30).optional().catch(undefined),
  townshipId: z.uuid().optional().catch(undefined),
});

/**
 * Up to `limit` (20) deputies the actor may see whose name matches, for pickers (deputies present
 * at an activity, a grid's deputies): names and levels only, never phone numbers.
 */
export async function searchDeputyOptions(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}, limit = 20) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { search, townshipId } = parseInput(ZSearchDeputyOptions, input);
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
        ] as (SQL | undefined)[]),
      ),
    )
    .orderBy(asc(deputies.name))
    .limit(limit);
}
