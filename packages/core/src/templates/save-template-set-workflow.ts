import { assertCan } from "@rdlink/auth";
import type { AppTx } from "@rdlink/db";
import { ZWorkflowLayout } from "@rdlink/workflow";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { startsEditing, ZDraftJson } from "../workflows/save-workflow-draft";
import { ZTemplateSetWorkflowRef } from "./get-template-set-workflow";
import { assertDraftRevision, lockSetDraft, withWorkflow, writeSetDraft } from "./set-draft";

export const ZSaveTemplateSetWorkflow = ZTemplateSetWorkflowRef.extend({
  /** The set's draft revision the designer started from: saving over a newer save is refused. */
  baseRevision: z.number().int().min(1),
  definition: ZDraftJson,
  layout: ZWorkflowLayout.default({}),
});

/**
 * The designer's autosave of one workflow in a set's draft. Like a county's draft it may be
 * invalid while the operator draws (publishing the set checks it); its key stays the item's,
 * since counties' copies are matched by it. Audited when someone starts editing, as a county's.
 */
export async function saveTemplateSetWorkflow(tx: AppTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { setId, workflowKey, baseRevision, definition, layout } = parseInput(ZSaveTemplateSetWorkflow, input);
  const { set, draft } = await lockSetDraft(tx, setId);
  if (!draft.workflows.some((w) => w.key === workflowKey)) throw new NotFoundError();
  assertDraftRevision(set, baseRevision);
  const drawn = z.record(z.string(), z.unknown()).safeParse(definition);
  if (!drawn.success || drawn.data.key !== workflowKey) {
    throw new ValidationError({ definition: "validation.invalid" });
  }
  const { content } = withWorkflow(draft, { key: workflowKey, definition: drawn.data, layout });
  const revision = await writeSetDraft(tx, ctx, setId, content, now);
  if (startsEditing({ updatedBy: set.draftUpdatedBy, updatedAt: set.draftUpdatedAt }, ctx.actor.userId, now)) {
    await recordPlatformAudit(tx, ctx, {
      action: "templateSet.draft_saved",
      objectType: "templateSet",
      objectId: setId,
      detail: { workflow: workflowKey, revision },
    });
  }
  return { revision };
}
