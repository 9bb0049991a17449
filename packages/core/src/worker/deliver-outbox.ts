import { cases, type Database, outbox, selectRows, type TenantTx } from "@rdlink/db";
import { and, eq, sql } from "drizzle-orm";
import { createInAppNotifications } from "../notifications/create-in-app-notifications";
import { CITIZEN_SMS_KIND } from "../sms/queue-citizen-sms";
import type { CitizenSmsChannel } from "../sms/tencent-sms-channel";
import { errorText, MAX_ATTEMPTS, nextAttemptAfter } from "./backoff";
import type { OutboxAdapter } from "./outbox-adapters";

/** After this many failed attempts a message is given up and its case flagged as an incident. */
export { MAX_ATTEMPTS };

/**
 * Delivers pending side effects at least once, with exponential backoff. A `notify`
 * message first lands in the bell of the users it is for (idempotent: a redelivery adds
 * nothing), then goes to the external channel. A message that keeps failing is marked
 * failed and its case an incident (its state does not change) for the county admin to
 * retry. The case's step was committed before the message was written, so nothing here
 * can undo it. A citizen's SMS goes through `sms`, the county's own SMS account; a county without
 * one (or a worker without `sms`) has it go to `adapter` like any other message.
 */
export async function deliverOutbox(
  db: Database,
  adapter: OutboxAdapter,
  options: { now: Date; batchSize?: number; maxTenants?: number; sms?: CitizenSmsChannel },
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
          const recipients =
            message.kind === "notify"
              ? await inSavepoint(tx, (sp) => createInAppNotifications(sp, message))
              : undefined;
          const outgoing = {
            tenantId,
            id: message.id,
            caseId: message.caseId,
            kind: message.kind,
            payload: message.payload,
            attempt,
            recipients,
          };
          // Its reads in a savepoint too: a failed one must not abort the batch's transaction.
          const sms = message.kind === CITIZEN_SMS_KIND ? options.sms : undefined;
          const bySms = sms ? await inSavepoint(tx, (sp) => sms.deliver(sp, outgoing)) : null;
          if (bySms === null) await adapter.deliver(outgoing);
          const deliveredVia = bySms === null ? adapter.name : options.sms!.name;
          await tx
            .update(outbox)
            .set({ status: "delivered", attempts: attempt, deliveredAt: now, deliveredVia })
            .where(where);
          report.delivered++;
        } catch (error) {
          const lastError = errorText(error);
          if (attempt >= MAX_ATTEMPTS) {
            await tx.update(outbox).set({ status: "failed", attempts: attempt, lastError }).where(where);
            await tx
              .update(cases)
              .set({ incident: true })
              .where(and(eq(cases.tenantId, tenantId), eq(cases.id, message.caseId)));
            report.failed++;
          } else {
            const nextAttemptAt = nextAttemptAfter(now, attempt);
            await tx.update(outbox).set({ attempts: attempt, lastError, nextAttemptAt }).where(where);
            report.retried++;
          }
        }
      }
    });
  }
  return report;
}

/**
 * The bell's writes in a savepoint: if they fail, the attempt counts as failed (retried with
 * backoff) and the rest of the batch's transaction is unharmed.
 */
function inSavepoint<T>(tx: TenantTx, work: (sp: TenantTx) => Promise<T>): Promise<T> {
  return tx.transaction((sp) => work(Object.assign(sp, { tenantId: tx.tenantId }) as TenantTx));
}
