import { assertCan } from "@rdlink/auth";
import { checklists, stationTypes, type TenantTx } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's station standards ("十有", "五有", its own), with the types that follow each. */
export async function listChecklists(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const rows = await tx
    .select()
    .from(checklists)
    .where(eq(checklists.tenantId, tx.tenantId))
    .orderBy(asc(checklists.archivedAt), asc(checklists.createdAt));
  const types = await tx
    .select({ name: stationTypes.name, checklistId: stationTypes.checklistId })
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId)));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    items: row.items,
    archivedAt: row.archivedAt,
    typeNames: types.filter((t) => t.checklistId === row.id).map((t) => t.name),
  }));
}
