import { assertCan } from "@rdlink/auth";
import { checklists, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZCheckbox, ZId } from "../shared/fields";
import { ZChecklistInput } from "./checklist-input";

export const ZUpdateChecklist = ZChecklistInput.extend({ checklistId: ZId, archived: ZCheckbox });

/**
 * Renames a standard, changes its items or archives it. Stations keep what they
 * recorded against an item that is renamed or removed; the station page shows it apart.
 */
export async function updateChecklist(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { checklistId, name, items, archived } = parseInput(ZUpdateChecklist, input);
  let updated: { id: string } | undefined;
  try {
    [updated] = await tx
      .update(checklists)
      .set({ name, items, archivedAt: archived ? now : null })
      .where(and(eq(checklists.tenantId, tx.tenantId), eq(checklists.id, checklistId)))
      .returning({ id: checklists.id });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.checklistNameTaken", "name");
    throw error;
  }
  if (!updated) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "checklist.updated",
    objectType: "checklist",
    objectId: checklistId,
    detail: { name, items, archived },
  });
}
