import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets } from "@rdlink/db";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { ZTemplateSetContent } from "./template-content";

export const ZSaveTemplateSetDraft = z.object({
  setId: ZId,
  /** The draft revision the editor started from: a save over someone else's is a conflict. */
  revision: z.coerce.number({ error: "validation.invalid" }).int().min(1),
  /** The parts being replaced (the page edits one section at a time). */
  content: ZTemplateSetContent.partial(),
});

/**
 * Replaces parts of a set's draft. The structure is checked here; what only publishing
 * needs (workflows valid, standards named by station types existing) is checked then.
 */
export async function saveTemplateSetDraft(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { setId, revision, content } = parseInput(ZSaveTemplateSetDraft, input);
  const [set] = await tx.select().from(templateSets).where(eq(templateSets.id, setId)).for("update");
  if (!set) throw new NotFoundError();
  if (set.draftRevision !== revision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(set.draftRevision) });
  }
  const draft = { ...ZTemplateSetContent.parse(set.draft), ...content };
  await tx
    .update(templateSets)
    .set({
      draft,
      draftRevision: sql`${templateSets.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: ctx.clock.now(),
    })
    .where(eq(templateSets.id, setId));
  await recordPlatformAudit(tx, ctx, {
    action: "templateSet.draft_saved",
    objectType: "templateSet",
    objectId: setId,
    detail: { sections: Object.keys(content) },
  });
  return { revision: set.draftRevision + 1 };
}
