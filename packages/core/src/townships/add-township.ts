import { assertCan } from "@rdlink/auth";
import { type TenantTx, townships } from "@rdlink/db";
import { eq, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";

export const ZAddTownship = z.object({
  name: ZName,
  kind: z.enum(["town", "township", "street", "other"], { error: "validation.required" }),
});

/** A township the division list lacks (a new street office, a development zone). */
export async function addTownship(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.townships.manage", { tenantId: tx.tenantId });
  const { name, kind } = parseInput(ZAddTownship, input);
  const [last] = await tx
    .select({ value: max(townships.sortOrder) })
    .from(townships)
    .where(eq(townships.tenantId, tx.tenantId));
  try {
    const [township] = await tx
      .insert(townships)
      .values({ name, kind, sortOrder: (last?.value ?? -1) + 1 })
      .returning();
    await recordAudit(tx, ctx, {
      action: "township.added",
      objectType: "township",
      objectId: township!.id,
      detail: { name },
    });
    return township!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.townshipNameTaken", "name");
    throw error;
  }
}
