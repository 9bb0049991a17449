import { stations, stationTypes, type TenantTx, tenants } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, eq, type SQL } from "drizzle-orm";
import { ZId } from "../shared/fields";

/**
 * A station of this county that takes opinions (not closed), with its type's public form
 * and the county's division code for the tracking code; null when there is none.
 */
export async function findStationForIntake(tx: TenantTx, which: SQL) {
  const [row] = await tx
    .select({
      id: stations.id,
      status: stations.status,
      townshipId: stations.townshipId,
      intakeFields: stationTypes.intakeFields,
      /** The opinion workflow its station type's cases start on (null: the county's first). */
      intakeWorkflowId: stationTypes.intakeWorkflowId,
      divisionCode: tenants.divisionCode,
    })
    .from(stations)
    .innerJoin(
      stationTypes,
      and(eq(stationTypes.tenantId, stations.tenantId), eq(stationTypes.id, stations.stationTypeId)),
    )
    .innerJoin(tenants, eq(tenants.id, stations.tenantId))
    .where(and(eq(stations.tenantId, tx.tenantId), which));
  if (!row || row.status === "closed") return null;
  return { ...row, intakeFields: ZFieldList.parse(row.intakeFields) };
}

/** The same, by the station's id (a bad id is none). */
export function findStationForIntakeById(tx: TenantTx, stationId: string) {
  return ZId.safeParse(stationId).success
    ? findStationForIntake(tx, eq(stations.id, stationId))
    : Promise.resolve(null);
}
