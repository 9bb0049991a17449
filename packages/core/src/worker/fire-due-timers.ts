import { type Database, selectRows, type TenantTx } from "@rdlink/db";
import { fireTimer } from "@rdlink/workflow";
import { sql } from "drizzle-orm";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";

export type FireReport = { fired: number; stale: number; failed: number };

/**
 * Fires the timers due at `now`, exactly once each. The worker sees, across counties,
 * only which tenants have something due; inside each tenant's transaction it claims up
 * to `batchSize` due timers with FOR UPDATE SKIP LOCKED (so two workers never take the
 * same one) and fires each in a savepoint: a timer that fails is left for the next round.
 */
export async function fireDueTimers(
  db: Database,
  options: { now: Date; batchSize?: number; maxTenants?: number; onError?: (error: unknown) => void },
): Promise<FireReport> {
  const { now, batchSize = 200, maxTenants = 100 } = options;
  const report: FireReport = { fired: 0, stale: 0, failed: 0 };
  const tenants = await db.withWorkerScan((tx) =>
    selectRows<{ tenant_id: string }>(
      tx,
      sql`select tenant_id from case_timers where due_at <= ${now.toISOString()}::timestamptz
          group by tenant_id order by min(due_at) limit ${maxTenants}`,
    ),
  );
  for (const { tenant_id: tenantId } of tenants) {
    await db.withTenant(tenantId, async (tx) => {
      // The timers and their cases are locked together, skipping any another worker or a
      // user's step holds: no worker ever waits on another, so none can deadlock.
      const due = await selectRows<{ id: string }>(
        tx,
        sql`select t.id from case_timers t
            join cases c on c.tenant_id = t.tenant_id and c.id = t.case_id
            where t.tenant_id = ${tenantId} and t.due_at <= ${now.toISOString()}::timestamptz
            order by t.due_at limit ${batchSize}
            for update of t, c skip locked`,
      );
      for (const { id } of due) {
        try {
          const outcome = await tx.transaction((savepoint) =>
            fireTimer(new DrizzleCaseStore(Object.assign(savepoint, { tenantId }) as TenantTx), id, now),
          );
          if (outcome.fired) report.fired++;
          else report.stale++;
        } catch (error) {
          report.failed++;
          options.onError?.(error);
        }
      }
    });
  }
  return report;
}
