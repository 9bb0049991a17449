import { type Actor, hasRole, townshipsOfRole } from "@rdlink/auth";
import { consultations, stationLiaisons, stations, type TenantTx } from "@rdlink/db";
import { and, asc, eq, inArray, ne, or, type SQL } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";

/**
 * The consultations a user keeps: the county admin all of them, a township's operator those of
 * its townships' stations, a liaison officer those of the stations they serve. Undefined: all.
 */
export function consultationScope(tx: TenantTx, actor: Actor): SQL | undefined {
  if (hasRole(actor, "county_admin")) return undefined;
  const ofTownships = tx
    .select({ id: stations.id })
    .from(stations)
    .where(
      and(
        eq(stations.tenantId, tx.tenantId),
        inArray(stations.townshipId, townshipsOfRole(actor, "township_operator")),
      ),
    );
  const asLiaison = tx
    .select({ stationId: stationLiaisons.stationId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.userId, actor.userId)));
  return or(inArray(consultations.stationId, ofTownships), inArray(consultations.stationId, asLiaison));
}

/** A consultation the user keeps, or 404 (another's looks like none at all). */
export async function loadConsultationInScope(tx: TenantTx, actor: Actor, consultationId: string) {
  const [row] = await tx
    .select()
    .from(consultations)
    .where(
      and(eq(consultations.tenantId, tx.tenantId), eq(consultations.id, consultationId), consultationScope(tx, actor)),
    );
  if (!row) throw new NotFoundError();
  return row;
}

/** Whether the user keeps this station's consultations (its liaison, its township's operator, the county). */
export async function assertStationInScope(tx: TenantTx, actor: Actor, stationId: string) {
  const [station] = await tx
    .select({ id: stations.id, townshipId: stations.townshipId, status: stations.status })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
  if (!station || station.status === "closed") throw new NotFoundError();
  if (hasRole(actor, "county_admin") || townshipsOfRole(actor, "township_operator").includes(station.townshipId)) {
    return station;
  }
  const [liaison] = await tx
    .select({ stationId: stationLiaisons.stationId })
    .from(stationLiaisons)
    .where(
      and(
        eq(stationLiaisons.tenantId, tx.tenantId),
        eq(stationLiaisons.stationId, stationId),
        eq(stationLiaisons.userId, actor.userId),
      ),
    );
  if (!liaison) throw new NotFoundError();
  return station;
}

/** The open stations a user may open a consultation at (the new consultation's picker), by name. */
export async function stationsForConsultations(tx: TenantTx, actor: Actor) {
  const asLiaison = tx
    .select({ stationId: stationLiaisons.stationId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.userId, actor.userId)));
  const reach = hasRole(actor, "county_admin")
    ? undefined
    : or(inArray(stations.townshipId, townshipsOfRole(actor, "township_operator")), inArray(stations.id, asLiaison));
  return tx
    .select({ id: stations.id, name: stations.name })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), ne(stations.status, "closed"), reach))
    .orderBy(asc(stations.name))
    .limit(2000);
}
