import { grids, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";
import { findGridToManage } from "./find-grid";

export async function renameGrid(tx: TenantTx, ctx: UseCaseContext, gridId: unknown, nameInput: unknown) {
  const grid = await findGridToManage(tx, ctx, gridId);
  const name = parseInput(ZName, nameInput);
  if (name === grid.name) return;
  try {
    await tx
      .update(grids)
      .set({ name })
      .where(and(eq(grids.tenantId, tx.tenantId), eq(grids.id, grid.id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("grids.nameTaken", "name");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "grid.renamed",
    objectType: "grid",
    objectId: grid.id,
    detail: { from: grid.name, to: name },
  });
}
