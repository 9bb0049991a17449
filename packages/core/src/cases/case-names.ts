import { cases, handlingUnits, stations, type TenantTx, townships } from "@rdlink/db";
import { and, eq } from "drizzle-orm";

/** The names of a case's station, township and handling unit (null where it has none). */
export async function caseNames(tx: TenantTx, caseId: string) {
  const [names] = await tx
    .select({ stationName: stations.name, townshipName: townships.name, handlingUnitName: handlingUnits.name })
    .from(cases)
    .leftJoin(stations, and(eq(stations.tenantId, cases.tenantId), eq(stations.id, cases.stationId)))
    .leftJoin(townships, and(eq(townships.tenantId, cases.tenantId), eq(townships.id, cases.townshipId)))
    .leftJoin(
      handlingUnits,
      and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId)),
    )
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
  return names ?? { stationName: null, townshipName: null, handlingUnitName: null };
}
