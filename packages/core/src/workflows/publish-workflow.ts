import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows } from "@rdlink/db";
import { validateDefinition } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { countyValidationContext } from "./county-references";
import { publishVersion } from "./publish-version";
import { assertWorkflowNameFree } from "./workflow-name-free";

export const ZPublishWorkflow = z.object({
  workflowId: ZId,
  /** The draft revision the publisher sees: never publish a draft someone else saved since. */
  revision: z.coerce.number().int().min(1).optional(),
});

/**
 * Publishes the draft as the next version, if it is valid (the county's teams it names
 * included); errors list every problem by its path, each with its i18n key.
 */
export async function publishWorkflow(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, revision } = parseInput(ZPublishWorkflow, input);
  const [workflow] = await tx
    .select()
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)))
    .for("update");
  if (!workflow) throw new NotFoundError();
  if (revision !== undefined && workflow.draftRevision !== revision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(workflow.draftRevision) });
  }
  const result = validateDefinition(workflow.draft, await countyValidationContext(tx));
  if (!result.ok) {
    throw new ValidationError(
      Object.fromEntries(result.errors.map((issue) => [issue.path, `designer.issues.${issue.code}`])),
      "errors.workflowInvalid",
    );
  }
  await assertWorkflowNameFree(tx, result.definition.name["zh-CN"] ?? "", workflowId);
  const published = await publishVersion(tx, {
    workflowId,
    definition: result.definition,
    layout: workflow.draftLayout,
    userId: ctx.actor.userId,
    now: ctx.clock.now(),
  });
  if (published.created) {
    await recordAudit(tx, ctx, {
      action: "workflow.published",
      objectType: "workflow",
      objectId: workflowId,
      detail: { version: published.version.version, hash: published.version.contentHash },
    });
  }
  return published;
}
