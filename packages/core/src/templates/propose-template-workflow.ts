import { assertCan } from "@rdlink/auth";
import { type TenantTx, templateProposals, users, workflows, workflowVersions } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZProposeTemplateWorkflow = z.object({
  workflowId: ZId,
  /** Why other counties would want it, for the operator. */
  note: z.string().trim().max(500, "validation.tooLong").default(""),
});

/**
 * A county offers its workflow to the platform's library: a copy of its newest published
 * version (what its cases really run, not a draft in progress) waits for the operator's review.
 * One proposal of a workflow waits at a time.
 */
export async function proposeTemplateWorkflow(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, note } = parseInput(ZProposeTemplateWorkflow, input);
  const [workflow] = await tx
    .select({ key: workflows.key })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)));
  if (!workflow) throw new NotFoundError();
  const [published] = await tx
    .select({
      version: workflowVersions.version,
      definition: workflowVersions.definition,
      layout: workflowVersions.layout,
    })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflowVersions.workflowId, workflowId)))
    .orderBy(desc(workflowVersions.version))
    .limit(1);
  if (!published) throw new ValidationError({ workflowId: "validation.workflowNotPublished" });
  const [waiting] = await tx
    .select({ id: templateProposals.id })
    .from(templateProposals)
    .where(
      and(
        eq(templateProposals.fromTenantId, tx.tenantId),
        eq(templateProposals.workflowKey, workflow.key),
        eq(templateProposals.status, "pending"),
      ),
    );
  if (waiting) throw new ConflictError("templates.errors.alreadyProposed");
  const [proposer] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
  const [proposal] = await tx
    .insert(templateProposals)
    .values({
      fromTenantId: tx.tenantId,
      workflowKey: workflow.key,
      fromVersion: published.version,
      definition: published.definition,
      layout: published.layout ?? {},
      note,
      proposedByName: proposer?.name ?? "",
      proposedAt: ctx.clock.now(),
    })
    .returning({ id: templateProposals.id });
  await recordAudit(tx, ctx, {
    action: "workflow.proposed",
    objectType: "workflow",
    objectId: workflowId,
    detail: { version: published.version, proposal: proposal!.id },
  });
  return { proposalId: proposal!.id, version: published.version };
}
