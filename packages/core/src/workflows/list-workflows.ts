import { assertCan } from "@rdlink/auth";
import { cases, type TenantTx, workflows, workflowVersions } from "@rdlink/db";
import { and, asc, eq, isNull, max } from "drizzle-orm";
import { caseIsOpen, countWhere } from "../cases/case-progress";
import type { UseCaseContext } from "../shared/context";

/** The county's workflows with their latest published version and how many of their cases are 在办 (`case-progress.ts`). */
export async function listWorkflows(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const rows = await tx
    .select({
      id: workflows.id,
      key: workflows.key,
      name: workflows.name,
      draftRevision: workflows.draftRevision,
      draftUpdatedAt: workflows.draftUpdatedAt,
    })
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), isNull(workflows.archivedAt)))
    .orderBy(asc(workflows.createdAt), asc(workflows.key));
  const latest = await tx
    .select({ workflowId: workflowVersions.workflowId, version: max(workflowVersions.version) })
    .from(workflowVersions)
    .where(eq(workflowVersions.tenantId, tx.tenantId))
    .groupBy(workflowVersions.workflowId);
  const running = await tx
    .select({ workflowId: cases.workflowId, count: countWhere(caseIsOpen) })
    .from(cases)
    .where(eq(cases.tenantId, tx.tenantId))
    .groupBy(cases.workflowId);
  const latestOf = new Map(latest.map((r) => [r.workflowId, r.version]));
  const runningOf = new Map(running.map((r) => [r.workflowId, r.count]));
  return rows.map((row) => ({
    ...row,
    latestVersion: latestOf.get(row.id) ?? null,
    runningCases: runningOf.get(row.id) ?? 0,
  }));
}
