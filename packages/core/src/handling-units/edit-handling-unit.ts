import { assertCan } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZHandlingUnit } from "./create-handling-unit";
import { findHandlingUnit } from "./get-handling-unit";

/** Renames a unit or changes its duties and address. */
export async function editHandlingUnit(tx: TenantTx, ctx: UseCaseContext, unitId: unknown, input: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const before = await findHandlingUnit(tx, unitId);
  const data = parseInput(ZHandlingUnit, input);
  try {
    await tx
      .update(handlingUnits)
      .set(data)
      .where(and(eq(handlingUnits.tenantId, tx.tenantId), eq(handlingUnits.id, before.id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("handlingUnits.nameTaken", "name");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "handlingUnit.edited",
    objectType: "handling_unit",
    objectId: before.id,
    detail: before.name === data.name ? { name: data.name } : { from: before.name, to: data.name },
  });
}
