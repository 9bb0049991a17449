import { randomUUID } from "node:crypto";
import { assertCan, townshipsInScope } from "@rdlink/auth";
import { type TenantTx, workflows, workflowVersions } from "@rdlink/db";
import { type Actor as RuntimeActor, startCase as startOnRuntime, type TWorkflowKind } from "@rdlink/workflow";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZOptionalId } from "../shared/fields";
import { latestVersionIdOfWorkflow, latestVersions } from "../workflows/latest-versions";
import { runtimeActor } from "./acting-as";
import { asUseCaseError } from "./case-errors";
import { type CaseIntake, DrizzleCaseStore } from "./drizzle-case-store";
import { titleOf } from "./opinion-input";

export const ZStartCase = z.object({
  workflowKey: z.string().min(1).max(40),
  data: z.record(z.string(), z.unknown()).default({}),
  /** The township it belongs to: who works on it depends on this. */
  townshipId: ZOptionalId,
  /** What lists show of it (the first line of what was registered). */
  title: z.string().trim().max(200, "validation.tooLong").optional(),
});

/** The latest published version of a county's workflow; 404 when it has none. */
export async function latestVersionId(tx: TenantTx, workflowKey: string): Promise<string> {
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
  return latest.versionId;
}

/**
 * The latest published version of the county's workflow of `kind` (its first such workflow
 * when it keeps several, whose latest version is still of that kind); 404 when it has none.
 */
export async function latestVersionIdOfKind(tx: TenantTx, kind: TWorkflowKind): Promise<string> {
  const [latest] = await latestVersions(tx, sql`v.kind = ${kind}`);
  if (!latest) throw new NotFoundError();
  return latest.id;
}

/**
 * The workflow a case starts on: a county's workflow by key, or its workflow of a kind, or
 * (a station type's QR code) a chosen workflow of that kind, falling back to the kind's first
 * when it is no longer in use.
 */
export type WorkflowChoice = { workflowKey: string } | { kind: TWorkflowKind; preferred?: string | null };

/** Opens a case on the runtime, recording how it came in on its row. */
export async function openCase(
  tx: TenantTx,
  args: WorkflowChoice & { data: Record<string, unknown>; intake: CaseIntake; actor: RuntimeActor; now: Date },
) {
  const preferred =
    "kind" in args && args.preferred ? await latestVersionIdOfWorkflow(tx, args.preferred, args.kind) : null;
  const versionId =
    preferred ??
    ("kind" in args ? await latestVersionIdOfKind(tx, args.kind) : await latestVersionId(tx, args.workflowKey));
  try {
    return await startOnRuntime(new DrizzleCaseStore(tx, args.intake), {
      caseId: randomUUID(),
      versionId,
      data: args.data,
      actor: args.actor,
      now: args.now,
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}

/** Opens a case on the latest published version of the county's workflow. */
export async function startCase(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { workflowKey, data, townshipId, title } = parseInput(ZStartCase, input);
  assertCan(ctx.actor, "tenant.cases.start", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  if (townshipId && scope !== "all" && !scope.includes(townshipId)) throw new NotFoundError();
  return openCase(tx, {
    workflowKey,
    data,
    intake: { townshipId, title: title ? titleOf(title) : null },
    actor: runtimeActor(ctx.actor),
    now,
  });
}
