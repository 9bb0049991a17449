import { assertCan } from "@rdlink/auth";
import type { AppTx } from "@rdlink/db";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { assertDraftRevision, lockSetDraft, writeSetDraft } from "./set-draft";
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
  const { set, draft } = await lockSetDraft(tx, setId);
  assertDraftRevision(set, revision);
  const saved = await writeSetDraft(tx, ctx, setId, { ...draft, ...content });
  await recordPlatformAudit(tx, ctx, {
    action: "templateSet.draft_saved",
    objectType: "templateSet",
    objectId: setId,
    detail: { sections: Object.keys(content) },
  });
  return { revision: saved };
}
