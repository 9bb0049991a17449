import { type AppTx, consultations, enterTenant, stations, type TenantTx, tenants } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { parseTrackingCode } from "../cases/tracking-code";
import { NotFoundError } from "../shared/errors";

/**
 * The consultation behind a public code (`450107-CQ2M7K9P`, from its QR code), entering its
 * county on the same transaction. Unknown codes and suspended counties are "not found".
 */
export async function findPublicConsultation(tx: AppTx, codeInput: unknown) {
  const parsed = typeof codeInput === "string" ? parseTrackingCode(codeInput) : null;
  if (!parsed) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id, name: tenants.name, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.divisionCode, parsed.divisionCode));
  if (tenant?.status !== "active") throw new NotFoundError();
  const tenantTx: TenantTx = await enterTenant(tx, tenant.id);
  const [row] = await tenantTx
    .select({ consultation: consultations, stationName: stations.name, townshipId: stations.townshipId })
    .from(consultations)
    .innerJoin(stations, and(eq(stations.tenantId, consultations.tenantId), eq(stations.id, consultations.stationId)))
    .where(and(eq(consultations.tenantId, tenant.id), eq(consultations.publicCode, parsed.code)));
  if (!row) throw new NotFoundError();
  return {
    tenantTx,
    divisionCode: parsed.divisionCode,
    countyName: tenant.name,
    stationName: row.stationName,
    consultation: row.consultation,
  };
}
