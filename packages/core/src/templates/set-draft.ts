import { type AppTx, templateSets } from "@rdlink/db";
import { eq, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { type TTemplateSetContent, type TTemplateWorkflow, ZTemplateSetContent } from "./template-content";

/** A set locked for a change of its draft, with the draft as it reads; a missing set is a 404. */
export async function lockSetDraft(tx: AppTx, setId: string) {
  const [set] = await tx.select().from(templateSets).where(eq(templateSets.id, setId)).for("update");
  if (!set) throw new NotFoundError();
  return { set, draft: ZTemplateSetContent.parse(set.draft) };
}

/** A change based on an older revision than the stored one would overwrite someone's: a conflict. */
export function assertDraftRevision(set: { draftRevision: number }, revision: number) {
  if (set.draftRevision !== revision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(set.draftRevision) });
  }
}

/** The draft with `item` in place of its workflow of the same key, or after the others. */
export function withWorkflow(draft: TTemplateSetContent, item: TTemplateWorkflow) {
  const replaced = draft.workflows.some((w) => w.key === item.key);
  const workflows = replaced ? draft.workflows.map((w) => (w.key === item.key ? item : w)) : [...draft.workflows, item];
  return { content: { ...draft, workflows }, replaced };
}

/** Stores a set's new draft as its next revision, by whom and when; answers that revision. */
export async function writeSetDraft(
  tx: AppTx,
  ctx: UseCaseContext,
  setId: string,
  draft: TTemplateSetContent,
  now = ctx.clock.now(),
) {
  const [saved] = await tx
    .update(templateSets)
    .set({
      draft,
      draftRevision: sql`${templateSets.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: now,
    })
    .where(eq(templateSets.id, setId))
    .returning({ revision: templateSets.draftRevision });
  return saved!.revision;
}
