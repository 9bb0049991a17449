import { assertCan } from "@rdlink/auth";
import { type TenantTx, templateProposals, workflows, workflowVersions } from "@rdlink/db";
import { and, desc, eq, isNull, max } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's workflows it may propose to the library (the published ones), and what it proposed. */
export async function listCountyProposals(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const published = await tx
    .select({ id: workflows.id, key: workflows.key, name: workflows.name, version: max(workflowVersions.version) })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(eq(workflowVersions.tenantId, workflows.tenantId), eq(workflowVersions.workflowId, workflows.id)),
    )
    .where(and(eq(workflows.tenantId, tx.tenantId), isNull(workflows.archivedAt)))
    .groupBy(workflows.id, workflows.key, workflows.name)
    .orderBy(workflows.key);
  const proposals = await tx
    .select({
      id: templateProposals.id,
      workflowKey: templateProposals.workflowKey,
      fromVersion: templateProposals.fromVersion,
      note: templateProposals.note,
      proposedAt: templateProposals.proposedAt,
      status: templateProposals.status,
      reviewNote: templateProposals.reviewNote,
      reviewedAt: templateProposals.reviewedAt,
    })
    .from(templateProposals)
    .where(eq(templateProposals.fromTenantId, tx.tenantId))
    .orderBy(desc(templateProposals.proposedAt))
    .limit(50);
  const nameOf = new Map(published.map((w) => [w.key, w.name as Record<string, string>]));
  return {
    workflows: published.map((w) => ({ id: w.id, name: w.name as Record<string, string>, version: w.version ?? 0 })),
    proposals: proposals.map((p) => ({ ...p, workflowName: nameOf.get(p.workflowKey) ?? { "zh-CN": p.workflowKey } })),
  };
}
