import { type AppTx, enterTenant, stations, stationTypes, type TenantTx, tenants, townships } from "@rdlink/db";
import { type TFieldList, ZFieldList } from "@rdlink/forms";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";
import { parsePublicStationCode } from "../stations/station-code";

export type IntakeStation = {
  tenantId: string;
  divisionCode: string;
  countyName: string;
  stationId: string;
  stationName: string;
  townshipId: string;
  townshipName: string;
  address: string | null;
  receptionSchedule: string | null;
  /** The station type's public form: what a citizen fills in besides the opinion itself. */
  intakeFields: TFieldList;
  /** The workflow its station type's QR codes start; null for the county's first opinion workflow. */
  intakeWorkflowId: string | null;
};

/**
 * The station behind a public code (`450107-K7M2QD`, from the QR code), entering its
 * county's tenant on the same transaction. Unknown codes, suspended counties and closed
 * stations are all "not found": the page says the code is not in use.
 */
export async function findIntakeStation(
  tx: AppTx,
  publicCode: string,
): Promise<{ station: IntakeStation; tenantTx: TenantTx }> {
  const code = parsePublicStationCode(publicCode);
  if (!code) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id, name: tenants.name, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.divisionCode, code.divisionCode));
  if (tenant?.status !== "active") throw new NotFoundError();
  const tenantTx = await enterTenant(tx, tenant.id);
  const [row] = await tenantTx
    .select({
      id: stations.id,
      name: stations.name,
      status: stations.status,
      address: stations.address,
      receptionSchedule: stations.receptionSchedule,
      townshipId: stations.townshipId,
      townshipName: townships.name,
      intakeFields: stationTypes.intakeFields,
      intakeWorkflowId: stationTypes.intakeWorkflowId,
    })
    .from(stations)
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .innerJoin(
      stationTypes,
      and(eq(stationTypes.tenantId, stations.tenantId), eq(stationTypes.id, stations.stationTypeId)),
    )
    .where(and(eq(stations.tenantId, tenant.id), eq(stations.code, code.stationCode)));
  if (!row || row.status === "closed") throw new NotFoundError();
  return {
    tenantTx,
    station: {
      tenantId: tenant.id,
      divisionCode: code.divisionCode,
      countyName: tenant.name,
      stationId: row.id,
      stationName: row.name,
      townshipId: row.townshipId,
      townshipName: row.townshipName,
      address: row.address,
      receptionSchedule: row.receptionSchedule,
      intakeFields: ZFieldList.parse(row.intakeFields),
      intakeWorkflowId: row.intakeWorkflowId,
    },
  };
}
