import { cases, type Database, outbox, selectRows } from "@rdlink/db";
import { and, eq, sql } from "drizzle-orm";
import type { OutboxAdapter } from "./outbox-adapters";

/** After this many failed attempts a message is given up and its case flagged as an incident. */
export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;

/**
 * Delivers pending side effects at least once, with exponential backoff. A message that
 * keeps failing marks its case as an incident (its state does not change) for someone
 * to retry or skip.
 */
export async function deliverOutbox(
  db: Database,
  adapter: OutboxAdapter,
  options: { now: Date; batchSize?: number; maxTenants?: number },
): Promise<{ delivered: number; retried: number; failed: number }> {
  const { now, batchSize = 200, maxTenants = 100 } = options;
  const report = { delivered: 0, retried: 0, failed: 0 };
  const at = now.toISOString();
  const tenants = await db.withWorkerScan((tx) =>
    selectRows<{ tenant_id: string }>(
      tx,
      sql`select distinct tenant_id from outbox where status = 'pending' and next_attempt_at <= ${at}::timestamptz limit ${maxTenants}`,
    ),
  );
  for (const { tenant_id: tenantId } of tenants) {
    await db.withTenant(tenantId, async (tx) => {
      const due = await tx
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.tenantId, tenantId),
            eq(outbox.status, "pending"),
            sql`${outbox.nextAttemptAt} <= ${at}::timestamptz`,
          ),
        )
        .orderBy(outbox.nextAttemptAt)
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const message of due) {
        const attempt = message.attempts + 1;
        const where = and(eq(outbox.tenantId, tenantId), eq(outbox.id, message.id));
        try {
          await adapter.deliver({
            tenantId,
            id: message.id,
            caseId: message.caseId,
            kind: message.kind,
            payload: message.payload,
            attempt,
          });
          await tx
            .update(outbox)
            .set({ status: "delivered", attempts: attempt, deliveredAt: now, deliveredVia: adapter.name })
            .where(where);
          report.delivered++;
        } catch (error) {
          const lastError = String((error as Error)?.message ?? error).slice(0, 500);
          if (attempt >= MAX_ATTEMPTS) {
            await tx.update(outbox).set({ status: "failed", attempts: attempt, lastError }).where(where);
            await tx
              .update(cases)
              .set({ incident: true })
              .where(and(eq(cases.tenantId, tenantId), eq(cases.id, message.caseId)));
            report.failed++;
          } else {
            const nextAttemptAt = new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempt - 1));
            await tx.update(outbox).set({ attempts: attempt, lastError, nextAttemptAt }).where(where);
            report.retried++;
          }
        }
      }
    });
  }
  return report;
}
