import { grids, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { findGridToManage } from "./find-grid";

/** Removes a grid and its deputy assignments (nothing else refers to a grid). */
export async function deleteGrid(tx: TenantTx, ctx: UseCaseContext, gridId: unknown) {
  const grid = await findGridToManage(tx, ctx, gridId);
  await tx.delete(grids).where(and(eq(grids.tenantId, tx.tenantId), eq(grids.id, grid.id)));
  await recordAudit(tx, ctx, {
    action: "grid.deleted",
    objectType: "grid",
    objectId: grid.id,
    detail: { name: grid.name },
  });
}
