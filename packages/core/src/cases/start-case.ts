import { randomUUID } from "node:crypto";
import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows, workflowVersions } from "@rdlink/db";
import { startCase as startOnRuntime } from "@rdlink/workflow";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";

export const ZStartCase = z.object({
  workflowKey: z.string().min(1).max(40),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Opens a case on the latest published version of the county's workflow. */
export async function startCase(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = new Date()) {
  assertCan(ctx.actor, "tenant.cases.start", { tenantId: tx.tenantId });
  const { workflowKey, data } = parseInput(ZStartCase, input);
  const [latest] = await tx
    .select({ versionId: workflowVersions.id })
    .from(workflowVersions)
    .innerJoin(
      workflows,
      and(eq(workflows.tenantId, workflowVersions.tenantId), eq(workflows.id, workflowVersions.workflowId)),
    )
    .where(and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflows.key, workflowKey)))
    .orderBy(desc(workflowVersions.version))
    .limit(1);
  if (!latest) throw new NotFoundError();
  const roles = ctx.actor.memberships.map((m) => m.role);
  try {
    return await startOnRuntime(new DrizzleCaseStore(tx), {
      caseId: randomUUID(),
      versionId: latest.versionId,
      data,
      actor: { userId: ctx.actor.userId, roles },
      now,
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}
