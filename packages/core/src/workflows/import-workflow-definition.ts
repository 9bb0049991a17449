import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows } from "@rdlink/db";
import { checkImportedDefinition } from "@rdlink/workflow/definition/check-imported-definition";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { countyValidationContext } from "./county-references";
import { assertWorkflowNameFree } from "./workflow-name-free";

export const ZImportWorkflowDefinition = z.object({
  workflowId: ZId,
  baseRevision: z.coerce.number().int().min(1),
  /** The file's text; the request body limit keeps it small. */
  text: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(512 * 1024, "validation.tooLong"),
});

/** The i18n key that explains an import problem of this code. */
export const importIssueKey = (code: string) => `designer.issues.${code}`;

/**
 * Replaces a workflow's draft by an uploaded definition file. The file must be JSON, match
 * the published JSON Schema and pass every check of validateDefinition; otherwise the
 * ValidationError names each problem by its path and nothing is written. The imported
 * definition keeps the workflow's own key, since cases know the workflow by it.
 */
export async function importWorkflowDefinition(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, baseRevision, text } = parseInput(ZImportWorkflowDefinition, input);
  const [workflow] = await tx
    .select({ key: workflows.key, revision: workflows.draftRevision, layout: workflows.draftLayout })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)));
  if (!workflow) throw new NotFoundError();

  const checked = checkImportedDefinition(text, await countyValidationContext(tx));
  if (!checked.ok) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of checked.errors) fieldErrors[issue.path || "_file"] ??= importIssueKey(issue.code);
    throw new ValidationError(fieldErrors, "errors.importInvalid");
  }
  if (workflow.revision !== baseRevision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(workflow.revision) });
  }
  const definition = { ...checked.definition, key: workflow.key };
  await assertWorkflowNameFree(tx, definition.name["zh-CN"] ?? "", workflowId);
  // Positions of states the file keeps stay where they were; the designer lays out the rest.
  const layout = Object.fromEntries(
    Object.entries(workflow.layout).filter(([stateId]) => Object.hasOwn(definition.states, stateId)),
  );
  const [saved] = await tx
    .update(workflows)
    .set({
      draft: definition,
      draftLayout: layout,
      name: definition.name,
      draftRevision: sql`${workflows.draftRevision} + 1`,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: ctx.clock.now(),
    })
    .where(
      and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId), eq(workflows.draftRevision, baseRevision)),
    )
    .returning({ revision: workflows.draftRevision });
  if (!saved) throw new ConflictError("errors.draftConflict");
  await recordAudit(tx, ctx, {
    action: "workflow.imported",
    objectType: "workflow",
    objectId: workflowId,
    detail: { revision: saved.revision, states: Object.keys(definition.states).length },
  });
  return saved;
}
