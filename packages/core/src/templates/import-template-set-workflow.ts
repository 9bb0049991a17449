import { assertCan } from "@rdlink/auth";
import type { AppTx } from "@rdlink/db";
import { checkImportedDefinition } from "@rdlink/workflow/definition/check-imported-definition";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { importIssueKey } from "../workflows/import-workflow-definition";
import { assertDraftRevision, lockSetDraft, withWorkflow, writeSetDraft } from "./set-draft";

export const ZImportTemplateSetWorkflow = z.object({
  setId: ZId,
  revision: z.coerce.number({ error: "validation.invalid" }).int().min(1),
  /** The text of a definition file, as the designer downloads it. */
  text: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(512 * 1024, "validation.tooLong"),
});

/**
 * Puts a workflow definition file into a set's draft: it replaces the set's workflow of the same
 * key (a county's copy is matched by that key at upgrade) or joins the set. The file must pass the
 * designer's own checks; otherwise each problem is named and nothing is written.
 */
export async function importTemplateSetWorkflow(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { setId, revision, text } = parseInput(ZImportTemplateSetWorkflow, input);
  const { set, draft } = await lockSetDraft(tx, setId);
  const checked = checkImportedDefinition(text, {});
  if (!checked.ok) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of checked.errors) fieldErrors[issue.path || "_file"] ??= importIssueKey(issue.code);
    throw new ValidationError(fieldErrors, "errors.importInvalid");
  }
  assertDraftRevision(set, revision);
  const definition = checked.definition;
  const existing = draft.workflows.find((w) => w.key === definition.key);
  // Positions of states the file keeps stay where they were; the designer lays out the rest.
  const layout = Object.fromEntries(
    Object.entries(existing?.layout ?? {}).filter(([stateId]) => Object.hasOwn(definition.states, stateId)),
  );
  const { content, replaced } = withWorkflow(draft, { key: definition.key, definition, layout });
  await writeSetDraft(tx, ctx, setId, content);
  await recordPlatformAudit(tx, ctx, {
    action: "templateSet.draft_saved",
    objectType: "templateSet",
    objectId: setId,
    detail: { workflow: definition.key, replaced },
  });
  return { key: definition.key, replaced };
}
