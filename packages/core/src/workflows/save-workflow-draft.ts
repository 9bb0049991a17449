import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows } from "@rdlink/db";
import { ZLocalizedText, ZWorkflowLayout } from "@rdlink/workflow";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

/** A draft may be invalid while someone works on it; it must only be JSON of a sane size. */
export const ZDraftJson = z
  .unknown()
  .refine((value) => JSON.stringify(value ?? null).length <= 512 * 1024, "validation.tooLong");

export const ZSaveWorkflowDraft = z.object({
  workflowId: ZId,
  /** The revision the editor started from: saving over someone else's newer save is refused. */
  baseRevision: z.number().int().min(1),
  definition: ZDraftJson,
  layout: ZWorkflowLayout.default({}),
});

/**
 * The designer autosaves every few seconds, so one save is not one audit row: the log
 * records when someone starts editing a draft (a different author than the last save, or
 * the first save after a pause of AUDIT_PAUSE_MS), which is what an auditor asks ("who
 * changed this workflow, when"). Publishing and importing are always audited, and every
 * save still leaves its author and time on the workflow row.
 */
const AUDIT_PAUSE_MS = 30 * 60_000;

/** Whether a save starts a spell of editing (see above): another author, or the first after a pause. */
export function startsEditing(last: { updatedBy: string | null; updatedAt: Date }, actorId: string, now: Date) {
  return last.updatedBy !== actorId || now.getTime() - last.updatedAt.getTime() > AUDIT_PAUSE_MS;
}

export async function saveWorkflowDraft(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, baseRevision, definition, layout } = parseInput(ZSaveWorkflowDraft, input);
  const [current] = await tx
    .select({
      revision: workflows.draftRevision,
      updatedBy: workflows.draftUpdatedBy,
      updatedAt: workflows.draftUpdatedAt,
    })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)))
    .for("update");
  if (!current) throw new NotFoundError();
  if (current.revision !== baseRevision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(current.revision) });
  }
  const name = ZLocalizedText.safeParse((definition as { name?: unknown } | null)?.name);
  const [saved] = await tx
    .update(workflows)
    .set({
      draft: definition,
      draftLayout: layout,
      ...(name.success ? { name: name.data } : {}),
      draftRevision: sql`${workflows.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: now,
    })
    .where(
      and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId), eq(workflows.draftRevision, baseRevision)),
    )
    .returning({ revision: workflows.draftRevision });
  if (!saved) throw new NotFoundError();
  if (startsEditing(current, ctx.actor.userId, now)) {
    await recordAudit(tx, ctx, {
      action: "workflow.draft_saved",
      objectType: "workflow",
      objectId: workflowId,
      detail: { revision: saved.revision },
    });
  }
  return saved;
}
