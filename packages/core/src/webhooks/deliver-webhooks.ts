import {
  caseEvents,
  cases,
  type Database,
  selectRows,
  type TenantTx,
  tenants,
  webhookDeliveries,
  webhooks,
  workflows,
} from "@rdlink/db";
import { and, eq, sql } from "drizzle-orm";
import { openSecret } from "../sms/secret-box";
import { errorText, MAX_ATTEMPTS, nextAttemptAfter } from "../worker/backoff";
import { WEBHOOK_SECRET_FIELD } from "./create-webhook";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature";

/** How long a receiver has to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

type Due = { delivery: typeof webhookDeliveries.$inferSelect; url: string; secretSealed: string };

/**
 * What a receiver gets for one step of a case: ids, its tracking code, the workflow and the step's
 * states as the county's definition names them. No citizen's name or phone (they stay in the
 * county); the receiver asks the API for more with its key.
 */
async function payloadOf(tx: TenantTx, delivery: Due["delivery"]) {
  const [row] = await tx
    .select({
      divisionCode: tenants.divisionCode,
      county: tenants.name,
      trackingCode: cases.trackingCode,
      state: cases.state,
      status: cases.status,
      workflowKey: workflows.key,
      workflowName: workflows.name,
      event: caseEvents.type,
      from: caseEvents.fromState,
      to: caseEvents.toState,
      actorRole: caseEvents.actorRole,
      at: caseEvents.at,
    })
    .from(caseEvents)
    .innerJoin(cases, and(eq(cases.tenantId, caseEvents.tenantId), eq(cases.id, caseEvents.caseId)))
    .innerJoin(workflows, and(eq(workflows.tenantId, cases.tenantId), eq(workflows.id, cases.workflowId)))
    .innerJoin(tenants, eq(tenants.id, cases.tenantId))
    .where(
      and(
        eq(caseEvents.tenantId, tx.tenantId),
        eq(caseEvents.caseId, delivery.caseId),
        eq(caseEvents.seq, delivery.seq),
      ),
    );
  if (!row) throw new Error("the case event is gone");
  return {
    id: delivery.id,
    type: "case.step",
    occurredAt: row.at.toISOString(),
    county: { divisionCode: row.divisionCode, name: row.county },
    case: {
      id: delivery.caseId,
      trackingCode: row.trackingCode,
      workflow: { key: row.workflowKey, name: row.workflowName["zh-CN"] ?? Object.values(row.workflowName)[0] },
      state: row.state,
      closed: row.status === "done",
    },
    step: { seq: delivery.seq, event: row.event, from: row.from, to: row.to, actorRole: row.actorRole },
  };
}

/**
 * Sends the webhook deliveries that are due, at least once each, signed (webhook-signature.ts):
 * a 2xx answer delivers it; anything else (another status, no answer in 10 s) is tried again
 * 30 s later, then twice as long each time, and given up after MAX_ATTEMPTS — the county's API
 * page shows each attempt's outcome. Each county's batch is one transaction, its rows locked
 * (SKIP LOCKED), so several workers never send one twice at once.
 */
export async function deliverWebhooks(
  db: Database,
  options: { now: Date; secretsKey: Buffer; batchSize?: number; fetch?: typeof fetch },
): Promise<{ delivered: number; retried: number; failed: number }> {
  const { now, secretsKey, batchSize = 50 } = options;
  const send = options.fetch ?? fetch;
  const report = { delivered: 0, retried: 0, failed: 0 };
  const at = now.toISOString();
  const counties = await db.withWorkerScan((tx) =>
    selectRows<{ tenant_id: string }>(
      tx,
      sql`select distinct tenant_id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${at}::timestamptz limit 100`,
    ),
  );
  for (const { tenant_id: tenantId } of counties) {
    await db.withTenant(tenantId, async (tx) => {
      const due: Due[] = await tx
        .select({ delivery: webhookDeliveries, url: webhooks.url, secretSealed: webhooks.secretSealed })
        .from(webhookDeliveries)
        .innerJoin(
          webhooks,
          and(eq(webhooks.tenantId, webhookDeliveries.tenantId), eq(webhooks.id, webhookDeliveries.webhookId)),
        )
        .where(
          and(
            eq(webhookDeliveries.tenantId, tenantId),
            eq(webhookDeliveries.status, "pending"),
            sql`${webhookDeliveries.nextAttemptAt} <= ${at}::timestamptz`,
          ),
        )
        .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.caseId, webhookDeliveries.seq)
        .limit(batchSize)
        .for("update", { of: webhookDeliveries, skipLocked: true });
      for (const { delivery, url, secretSealed } of due) {
        const attempt = delivery.attempts + 1;
        const where = and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, delivery.id));
        let status: number | null = null;
        try {
          const body = JSON.stringify(await payloadOf(tx, delivery));
          const secret = openSecret(secretsKey, secretSealed, { tenantId, field: WEBHOOK_SECRET_FIELD });
          const response = await send(url, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "User-Agent": "rdlink-webhooks/1",
              "X-Rdlink-Event": "case.step",
              "X-Rdlink-Delivery": delivery.id,
              [SIGNATURE_HEADER]: signWebhook(secret, now, body),
            },
            body,
            redirect: "manual",
            signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
          });
          status = response.status;
          await response.body?.cancel();
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await tx
            .update(webhookDeliveries)
            .set({ status: "delivered", attempts: attempt, lastStatus: status, lastError: null, deliveredAt: now })
            .where(where);
          report.delivered += 1;
        } catch (error) {
          const givenUp = attempt >= MAX_ATTEMPTS;
          await tx
            .update(webhookDeliveries)
            .set({
              status: givenUp ? "failed" : "pending",
              attempts: attempt,
              lastStatus: status,
              lastError: errorText(error),
              nextAttemptAt: givenUp ? delivery.nextAttemptAt : nextAttemptAfter(now, attempt),
            })
            .where(where);
          if (givenUp) report.failed += 1;
          else report.retried += 1;
        }
      }
    });
  }
  return report;
}
