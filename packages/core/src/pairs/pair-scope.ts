import { deputies, deputyPairs, deputyStations, stations, type TenantTx } from "@rdlink/db";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The deputy the signed-in account is (not archived), or null: a deputy's own pairs hang on it. */
export async function myDeputy(tx: TenantTx, ctx: UseCaseContext) {
  const [deputy] = await tx
    .select({ id: deputies.id, name: deputies.name, townshipId: deputies.townshipId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.userId, ctx.actor.userId), isNull(deputies.archivedAt)))
    .limit(1);
  return deputy ?? null;
}

/** One of the deputy's pairs, or null when it is not theirs (or not this county's). */
export async function pairOfDeputy(tx: TenantTx, deputyId: string, pairId: string) {
  const [pair] = await tx
    .select({ id: deputyPairs.id, townshipId: deputyPairs.townshipId, householdName: deputyPairs.householdName })
    .from(deputyPairs)
    .where(and(eq(deputyPairs.tenantId, tx.tenantId), eq(deputyPairs.id, pairId), eq(deputyPairs.deputyId, deputyId)));
  return pair ?? null;
}

/**
 * Where an opinion raised on a visit is registered: a station the deputy serves, one in the
 * pair's township first, so that the deputy keeps seeing the case (their stations' cases).
 */
export async function stationForVisitOpinion(tx: TenantTx, deputyId: string, townshipId: string) {
  const [row] = await tx
    .select({ id: stations.id })
    .from(deputyStations)
    .innerJoin(stations, and(eq(stations.tenantId, deputyStations.tenantId), eq(stations.id, deputyStations.stationId)))
    .where(
      and(
        eq(deputyStations.tenantId, tx.tenantId),
        eq(deputyStations.deputyId, deputyId),
        sql`${stations.status} <> 'closed'`,
      ),
    )
    .orderBy(sql`${stations.townshipId} = ${townshipId} desc`, asc(stations.name))
    .limit(1);
  return row?.id ?? null;
}
