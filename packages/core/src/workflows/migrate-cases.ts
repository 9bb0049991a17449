import { assertCan } from "@rdlink/auth";
import { cases, type TenantTx, workflowVersions } from "@rdlink/db";
import { migrateCase, ZWorkflowDefinition } from "@rdlink/workflow";
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZMigrateCases = z.object({
  workflowId: ZId,
  fromVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
  /** Each state running cases are in on the old version → the state they go to on the new one. */
  stateMap: z.record(z.string(), z.string()),
  dryRun: z.boolean().default(true),
});

/** How many of the running cases a dry run lists one by one (the counts per state cover them all). */
export const MIGRATION_PREVIEW_CASES = 200;

/**
 * Moves the running cases of one version to another, by an explicit state mapping.
 * The dry run counts the cases per state and lists them, each with the state it would go to;
 * a state with cases but no (valid) mapping refuses the whole migration. Each moved case gets
 * an event; the county's audit log gets the summary.
 */
export async function migrateCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { workflowId, fromVersion, toVersion, stateMap, dryRun } = parseInput(ZMigrateCases, input);
  const version = async (number: number) => {
    const [row] = await tx
      .select()
      .from(workflowVersions)
      .where(
        and(
          eq(workflowVersions.tenantId, tx.tenantId),
          eq(workflowVersions.workflowId, workflowId),
          eq(workflowVersions.version, number),
        ),
      );
    if (!row) throw new NotFoundError();
    return row;
  };
  const from = await version(fromVersion);
  const to = await version(toVersion);
  const targetStates = ZWorkflowDefinition.parse(to.definition).states;

  const running = and(eq(cases.tenantId, tx.tenantId), eq(cases.versionId, from.id), eq(cases.status, "active"));
  const counts = await tx
    .select({ state: cases.state, count: count() })
    .from(cases)
    .where(running)
    .groupBy(cases.state);
  const fieldErrors: Record<string, string> = {};
  for (const { state } of counts) {
    const target = stateMap[state];
    if (!target) fieldErrors[`stateMap.${state}`] = "validation.unmappedState";
    else if (!Object.hasOwn(targetStates, target)) fieldErrors[`stateMap.${state}`] = "validation.unknownState";
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors, "errors.migrationUnmapped");
  const plan = counts.map(({ state, count: n }) => ({ state, count: n, target: stateMap[state]! }));
  if (dryRun) {
    const preview = await tx
      .select({ id: cases.id, title: cases.title, trackingCode: cases.trackingCode, state: cases.state })
      .from(cases)
      .where(running)
      .orderBy(asc(cases.createdAt), asc(cases.id))
      .limit(MIGRATION_PREVIEW_CASES);
    return { dryRun: true, plan, migrated: 0, cases: preview.map((c) => ({ ...c, target: stateMap[c.state]! })) };
  }

  const store = new DrizzleCaseStore(tx);
  const ids = await tx.select({ id: cases.id }).from(cases).where(running).orderBy(asc(cases.id));
  const actor = { userId: ctx.actor.userId, roles: ["county_admin"] as const };
  for (const { id } of ids) await migrateCase(store, id, { toVersionId: to.id, stateMap, actor, now });
  await recordAudit(tx, ctx, {
    action: "workflow.cases_migrated",
    objectType: "workflow",
    objectId: workflowId,
    detail: { fromVersion, toVersion, plan },
  });
  return { dryRun: false, plan, migrated: ids.length, cases: [] };
}
