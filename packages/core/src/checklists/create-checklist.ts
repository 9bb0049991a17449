import { assertCan } from "@rdlink/auth";
import { checklists, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZChecklistInput } from "./checklist-input";

/** A county's own station standard, e.g. "七有" with the items it reviews. */
export async function createChecklist(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { name, items } = parseInput(ZChecklistInput, input);
  try {
    const [checklist] = await tx.insert(checklists).values({ name, items }).returning({ id: checklists.id });
    await recordAudit(tx, ctx, {
      action: "checklist.created",
      objectType: "checklist",
      objectId: checklist!.id,
      detail: { name, items },
    });
    return checklist!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.checklistNameTaken", "name");
    throw error;
  }
}
