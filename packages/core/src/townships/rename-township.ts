import { assertCan } from "@rdlink/auth";
import { type TenantTx, townships } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZRenameTownship = z.object({ id: ZId, name: ZName });

export async function renameTownship(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.townships.manage", { tenantId: tx.tenantId });
  const { id, name } = parseInput(ZRenameTownship, input);
  const [before] = await tx
    .select({ name: townships.name })
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, id)));
  if (!before) throw new NotFoundError();
  try {
    await tx
      .update(townships)
      .set({ name })
      .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.townshipNameTaken", "name");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "township.renamed",
    objectType: "township",
    objectId: id,
    detail: { from: before.name, to: name },
  });
}
