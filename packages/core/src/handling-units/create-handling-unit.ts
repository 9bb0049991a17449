import { assertCan } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZName, ZOptionalText } from "../shared/fields";

export const ZHandlingUnit = z.object({
  name: ZName,
  duties: ZOptionalText(200),
  address: ZOptionalText(200),
});

/** A government department that will handle and answer cases (承办单位). */
export async function createHandlingUnit(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const data = parseInput(ZHandlingUnit, input);
  try {
    const [unit] = await tx.insert(handlingUnits).values(data).returning();
    await recordAudit(tx, ctx, {
      action: "handlingUnit.created",
      objectType: "handling_unit",
      objectId: unit!.id,
      detail: { name: data.name },
    });
    return unit!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("handlingUnits.nameTaken", "name");
    throw error;
  }
}
