import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows } from "@rdlink/db";
import { ZWorkflowLayout } from "@rdlink/workflow";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

/** A draft may be invalid while someone works on it; it must only be JSON of a sane size. */
const ZDraftJson = z
  .unknown()
  .refine((value) => JSON.stringify(value ?? null).length <= 512 * 1024, "validation.tooLong");

export const ZSaveWorkflowDraft = z.object({
  workflowId: ZId,
  /** The revision the editor started from: saving over someone else's newer save is refused. */
  baseRevision: z.number().int().min(1),
  definition: ZDraftJson,
  layout: ZWorkflowLayout.default({}),
});

export async function saveWorkflowDraft(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, baseRevision, definition, layout } = parseInput(ZSaveWorkflowDraft, input);
  const [saved] = await tx
    .update(workflows)
    .set({
      draft: definition,
      draftLayout: layout,
      draftRevision: sql`${workflows.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: new Date(),
    })
    .where(
      and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId), eq(workflows.draftRevision, baseRevision)),
    )
    .returning({ revision: workflows.draftRevision });
  if (!saved) {
    const [current] = await tx
      .select({ revision: workflows.draftRevision })
      .from(workflows)
      .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)));
    if (!current) throw new NotFoundError();
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(current.revision) });
  }
  await recordAudit(tx, ctx, {
    action: "workflow.draft_saved",
    objectType: "workflow",
    objectId: workflowId,
    detail: { revision: saved.revision },
  });
  return saved;
}
