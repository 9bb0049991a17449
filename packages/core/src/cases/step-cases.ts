import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { actOnCase } from "./act-on-case";
import { actingAs } from "./acting-as";
import { eventWith } from "./capabilities";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { loadCaseInScope } from "./load-case-in-scope";

/** The workbench's batch steps and the capability (library action) each one takes. */
export const BATCH_STEPS = { accept: "acceptAssignment", urge: "urgeHandling" } as const;
export type TBatchStep = keyof typeof BATCH_STEPS;

export const ZStepCases = z.object({
  step: z.enum(Object.keys(BATCH_STEPS) as [TBatchStep, ...TBatchStep[]], { error: "validation.required" }),
  caseIds: z.array(ZId).min(1, "validation.required").max(100, "validation.tooMany"),
});

/** What became of one case of a batch: done, or why not (an i18n key). */
export type TBatchResult = { caseId: string; title: string | null; done: boolean; reason?: string };

/**
 * Batch 签收 or 催办: each selected case takes the step of its own workflow that carries the
 * capability (`acceptAssignment`, `urgeHandling`), whatever the county named it, through the
 * runtime exactly as if the actor took it on the case's page, one by one. Each case is taken in
 * its own savepoint, so a case that is not ready (out of reach, at another step, not for this
 * actor's role) or that the runtime refuses is reported and the others still go through.
 */
export async function stepCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { step, caseIds } = parseInput(ZStepCases, input);
  const roles = actingAs(ctx.actor);
  const store = new DrizzleCaseStore(tx);
  const results: TBatchResult[] = [];
  for (const caseId of new Set(caseIds)) {
    const row = await loadCaseInScope(tx, ctx.actor, caseId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    const state = row ? (await store.loadVersion(row.versionId)).definition.states[row.state] : undefined;
    const found = eventWith(state, BATCH_STEPS[step], roles);
    if (!row || !found) {
      results.push({ caseId, title: row?.title ?? null, done: false, reason: `work.batch.notReady.${step}` });
      continue;
    }
    try {
      await tx.transaction((savepoint) =>
        actOnCase(
          Object.assign(savepoint, { tenantId: tx.tenantId }) as TenantTx,
          ctx,
          { caseId, event: found.event, data: {}, expectedSeq: row.seq },
          now,
        ),
      );
      results.push({ caseId, title: row.title, done: true });
    } catch (error) {
      const reason = reasonOf(error);
      if (!reason) throw error;
      results.push({ caseId, title: row.title, done: false, reason });
    }
  }
  return { step, done: results.filter((r) => r.done).length, results };
}

/** A deliberate refusal's i18n key; anything else is a bug and is not swallowed. */
function reasonOf(error: unknown): string | undefined {
  if (error instanceof ValidationError) return error.formError ?? Object.values(error.fieldErrors)[0];
  if (error instanceof ConflictError) return error.message;
  if (error instanceof NotFoundError) return "errors.notFound";
  return undefined;
}
