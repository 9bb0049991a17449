import { cases, caseTimers, type Database, type TenantTx } from "@rdlink/db";
import { fireTimer, WorkflowError } from "@rdlink/workflow";
import { and, eq, isNull, lte, min, or, type SQL } from "drizzle-orm";
import { DrizzleCaseStore, stepCaseColumns, timerColumns } from "../cases/drizzle-case-store";
import { errorText, MAX_ATTEMPTS, nextAttemptAfter } from "./backoff";

/**
 * `failed`: firings that threw this round; `gaveUp`: those of them that failed for the last time;
 * `inSavepoints`: batches fired again timer by timer because the database refused a statement.
 */
export type FireReport = { fired: number; stale: number; failed: number; gaveUp: number; inSavepoints: number };

const noneYet = (): FireReport => ({ fired: 0, stale: 0, failed: 0, gaveUp: 0, inSavepoints: 0 });

/**
 * Fires the timers due at `now`, exactly once each. The worker sees, across counties, only which
 * tenants have something due; inside each tenant's transaction it claims up to `batchSize` due
 * timers with their cases (FOR UPDATE SKIP LOCKED, so two workers never take the same one) and
 * fires them in that one transaction, each step one statement, the different cases' statements
 * pipelined. A timer that fails is tried again with the outbox's backoff; after MAX_ATTEMPTS
 * failures it is left alone and its case flagged as an incident (its state does not change).
 *
 * A firing its workflow refuses before it writes anything (the usual failure: a state its version
 * lacks, a broken definition) is isolated in Node: nothing of it reached the database. Any other
 * failure (the database refused a statement, which aborts the transaction) rolls the batch back,
 * and the batch is claimed again and fired timer by timer, each in a savepoint, as it always was.
 */
export async function fireDueTimers(
  db: Database,
  options: { now: Date; batchSize?: number; maxTenants?: number; onError?: (error: unknown) => void },
): Promise<FireReport> {
  const { now, batchSize = 200, maxTenants = 100 } = options;
  const report = noneYet();
  const isDue = dueAt(now);
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
    // The firings' errors are told once their batch has committed: a batch rolled back and fired
    // again in savepoints would tell a failure twice.
    const errors: unknown[] = [];
    const fireAs = (mode: "together" | "inSavepoints") => {
      errors.length = 0;
      const batch = { now, batchSize, isDue, onError: (error: unknown) => errors.push(error) };
      return db.withTenant(tenantId, (tx) => fireBatch(tx, batch, mode));
    };
    let fired: FireReport;
    try {
      fired = await fireAs("together");
    } catch (error) {
      if (!(error instanceof NeedsSavepoints)) throw error;
      fired = await fireAs("inSavepoints");
      fired.inSavepoints++;
    }
    for (const error of errors) options.onError?.(error);
    for (const key of Object.keys(report) as (keyof FireReport)[]) report[key] += fired[key];
  }
  return report;
}

/** Due, not given up, and past its backoff if it failed before. */
const dueAt = (now: Date) =>
  and(
    lte(caseTimers.dueAt, now),
    isNull(caseTimers.failedAt),
    or(isNull(caseTimers.nextAttemptAt), lte(caseTimers.nextAttemptAt, now)),
  )!;

/** A firing failed in a way only a savepoint can isolate: the batch is fired again in savepoints. */
class NeedsSavepoints extends Error {}

async function fireBatch(
  tx: TenantTx,
  batch: { now: Date; batchSize: number; isDue: SQL; onError: (error: unknown) => void },
  mode: "together" | "inSavepoints",
): Promise<FireReport> {
  const report = noneYet();
  // The timers and their cases are locked together, skipping any another worker or a
  // user's step holds: no worker ever waits on another, so none can deadlock.
  const claimed = await tx
    .select({ ...timerColumns, attempts: caseTimers.attempts, kase: stepCaseColumns })
    .from(caseTimers)
    .innerJoin(cases, and(eq(cases.tenantId, caseTimers.tenantId), eq(cases.id, caseTimers.caseId)))
    .where(and(eq(caseTimers.tenantId, tx.tenantId), batch.isDue))
    .orderBy(caseTimers.dueAt)
    .limit(batch.batchSize)
    .for("update", { of: [caseTimers, cases], skipLocked: true });
  type Claimed = (typeof claimed)[number];
  const byCase = new Map<string, Claimed[]>();
  for (const timer of claimed) {
    const ofCase = byCase.get(timer.caseId);
    if (ofCase) ofCase.push(timer);
    else byCase.set(timer.caseId, [timer]);
  }
  const fireCaseTimers = async (timers: Claimed[]) => {
    const store = new DrizzleCaseStore(tx).holdingTimers(timers.map(({ attempts: _, ...timer }) => timer));
    for (const timer of timers) {
      const writesBefore = store.writes;
      try {
        const outcome =
          mode === "together"
            ? await fireTimer(store, timer.id, batch.now)
            : await tx.transaction((savepoint) =>
                fireTimer(
                  new DrizzleCaseStore(Object.assign(savepoint, { tenantId: tx.tenantId }) as TenantTx),
                  timer.id,
                  batch.now,
                ),
              );
        if (outcome.fired) report.fired++;
        else report.stale++;
      } catch (error) {
        const refusedInNode = error instanceof WorkflowError && store.writes === writesBefore;
        if (mode === "together" && !refusedInNode) throw new NeedsSavepoints(errorText(error));
        report.failed++;
        batch.onError(error);
        if (await recordFailure(tx, timer, timer.attempts + 1, error, batch.now)) report.gaveUp++;
      }
    }
  };
  if (mode === "inSavepoints") {
    for (const timers of byCase.values()) await fireCaseTimers(timers);
    return report;
  }
  // Together, the cases' timers fire side by side: their statements are pipelined on the
  // transaction's connection, where PostgreSQL runs them one after another in the order sent, so a
  // batch costs a few round trips instead of one or more per timer. A case's own timers fire one
  // after another, each seeing what the one before did. All are settled before a failure is
  // thrown, so that nothing is still being sent when the transaction rolls back. The statement the
  // database refused is named as such; the other cases' statements then fail too (the transaction
  // is aborted), recording a failure included, and are not the cause.
  const failures = (await Promise.allSettled([...byCase.values()].map(fireCaseTimers))).flatMap((result) =>
    result.status === "rejected" ? [result.reason as unknown] : [],
  );
  if (failures.length > 0) throw failures.find((error) => error instanceof NeedsSavepoints) ?? failures[0];
  return report;
}

/**
 * The firing wrote nothing (or its savepoint rolled it back); the timer keeps the failure: when
 * to try again, or, at the last attempt, that it was given up, with its case flagged for the
 * county admin.
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
