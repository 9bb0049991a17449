import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets } from "@rdlink/db";
import { ZWorkflowLayout } from "@rdlink/workflow";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { startsEditing, ZDraftJson } from "../workflows/save-workflow-draft";
import { ZTemplateSetWorkflowRef } from "./get-template-set-workflow";
import { ZTemplateSetContent } from "./template-content";

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
  const [set] = await tx.select().from(templateSets).where(eq(templateSets.id, setId)).for("update");
  if (!set) throw new NotFoundError();
  const draft = ZTemplateSetContent.parse(set.draft);
  if (!draft.workflows.some((w) => w.key === workflowKey)) throw new NotFoundError();
  if (set.draftRevision !== baseRevision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(set.draftRevision) });
  }
  const drawn = z.record(z.string(), z.unknown()).safeParse(definition);
  if (!drawn.success || drawn.data.key !== workflowKey) {
    throw new ValidationError({ definition: "validation.invalid" });
  }
  const workflows = draft.workflows.map((w) =>
    w.key === workflowKey ? { key: w.key, definition: drawn.data, layout } : w,
  );
  const [saved] = await tx
    .update(templateSets)
    .set({
      draft: { ...draft, workflows },
      draftRevision: sql`${templateSets.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: now,
    })
    .where(eq(templateSets.id, setId))
    .returning({ revision: templateSets.draftRevision });
  if (startsEditing({ updatedBy: set.draftUpdatedBy, updatedAt: set.draftUpdatedAt }, ctx.actor.userId, now)) {
    await recordPlatformAudit(tx, ctx, {
      action: "templateSet.draft_saved",
      objectType: "templateSet",
      objectId: setId,
      detail: { workflow: workflowKey, revision: saved!.revision },
    });
  }
  return { revision: saved!.revision };
}
