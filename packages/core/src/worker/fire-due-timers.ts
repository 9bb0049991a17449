import { cases, caseTimers, type Database, type TenantTx } from "@rdlink/db";
import { fireTimer } from "@rdlink/workflow";
import { and, eq, isNull, lte, min, or } from "drizzle-orm";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { errorText, MAX_ATTEMPTS, nextAttemptAfter } from "./backoff";

/** `failed`: firings that threw this round; `gaveUp`: those of them that failed for the last time. */
export type FireReport = { fired: number; stale: number; failed: number; gaveUp: number };

/**
 * Fires the timers due at `now`, exactly once each. The worker sees, across counties,
 * only which tenants have something due; inside each tenant's transaction it claims up
 * to `batchSize` due timers with FOR UPDATE SKIP LOCKED (so two workers never take the
 * same one) and fires each in a savepoint. A timer that fails is tried again with the
 * outbox's backoff; after MAX_ATTEMPTS failures it is left alone and its case flagged as
 * an incident (its state does not change).
 */
export async function fireDueTimers(
  db: Database,
  options: { now: Date; batchSize?: number; maxTenants?: number; onError?: (error: unknown) => void },
): Promise<FireReport> {
  const { now, batchSize = 200, maxTenants = 100 } = options;
  const report: FireReport = { fired: 0, stale: 0, failed: 0, gaveUp: 0 };
  // Due, not given up, and past its backoff if it failed before.
  const isDue = and(
    lte(caseTimers.dueAt, now),
    isNull(caseTimers.failedAt),
    or(isNull(caseTimers.nextAttemptAt), lte(caseTimers.nextAttemptAt, now)),
  );
  const tenants = await db.withWorkerScan((tx) =>
    tx
      .select({ tenantId: caseTimers.tenantId })
      .from(caseTimers)
      .where(isDue)
      .groupBy(caseTimers.tenantId)
      .orderBy(min(caseTimers.dueAt))
      .limit(maxTenants),
  );
  for (const { tenantId } of tenants) {
    await db.withTenant(tenantId, async (tx) => {
      // The timers and their cases are locked together, skipping any another worker or a
      // user's step holds: no worker ever waits on another, so none can deadlock.
      const claimed = await tx
        .select({ id: caseTimers.id, caseId: caseTimers.caseId, attempts: caseTimers.attempts })
        .from(caseTimers)
        .innerJoin(cases, and(eq(cases.tenantId, caseTimers.tenantId), eq(cases.id, caseTimers.caseId)))
        .where(and(eq(caseTimers.tenantId, tenantId), isDue))
        .orderBy(caseTimers.dueAt)
        .limit(batchSize)
        .for("update", { of: [caseTimers, cases], skipLocked: true });
      for (const timer of claimed) {
        try {
          const outcome = await tx.transaction((savepoint) =>
            fireTimer(new DrizzleCaseStore(Object.assign(savepoint, { tenantId }) as TenantTx), timer.id, now),
          );
          if (outcome.fired) report.fired++;
          else report.stale++;
        } catch (error) {
          report.failed++;
          options.onError?.(error);
          const gaveUp = await recordFailure(tx, timer, timer.attempts + 1, error, now);
          if (gaveUp) report.gaveUp++;
        }
      }
    });
  }
  return report;
}

/**
 * The savepoint rolled the firing back; the timer keeps the failure: when to try again, or,
 * at the last attempt, that it was given up, with its case flagged for the county admin.
 */
async function recordFailure(
  tx: TenantTx,
  timer: { id: string; caseId: string },
  attempt: number,
  error: unknown,
  now: Date,
): Promise<boolean> {
  const gaveUp = attempt >= MAX_ATTEMPTS;
  await tx
    .update(caseTimers)
    .set({
      attempts: attempt,
      lastError: errorText(error),
      ...(gaveUp ? { failedAt: now } : { nextAttemptAt: nextAttemptAfter(now, attempt) }),
    })
    .where(and(eq(caseTimers.tenantId, tx.tenantId), eq(caseTimers.id, timer.id)));
  if (gaveUp) {
    await tx
      .update(cases)
      .set({ incident: true })
      .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, timer.caseId)));
  }
  return gaveUp;
}
