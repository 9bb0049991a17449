import { assertCan } from "@rdlink/auth";
import { stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's station types with their custom fields, for pickers and the settings page. */
export async function listStationTypes(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const rows = await tx
    .select()
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId), isNull(stationTypes.archivedAt)))
    .orderBy(asc(stationTypes.sortOrder));
  return rows.map((row) => ({ id: row.id, name: row.name, customFields: ZFieldList.parse(row.customFields) }));
}
