import { assertCan } from "@rdlink/auth";
import { type TenantTx, townships } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZSetTownshipArchived = z.object({ id: ZId, archived: z.boolean() });

/** Archiving hides a township from lists and pickers; its records stay, and it can be restored. */
export async function setTownshipArchived(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.townships.manage", { tenantId: tx.tenantId });
  const { id, archived } = parseInput(ZSetTownshipArchived, input);
  const [township] = await tx
    .update(townships)
    .set({ archivedAt: archived ? ctx.clock.now() : null })
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, id)))
    .returning();
  if (!township) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: archived ? "township.archived" : "township.restored",
    objectType: "township",
    objectId: id,
    detail: { name: township.name },
  });
  return township;
}
