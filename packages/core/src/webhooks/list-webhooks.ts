import { assertCan } from "@rdlink/auth";
import { caseEvents, cases, type TenantTx, webhookDeliveries, webhooks } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's webhooks and the latest deliveries (the delivery log on its API page). */
export async function listWebhooks(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const hooks = await tx
    .select({
      id: webhooks.id,
      name: webhooks.name,
      url: webhooks.url,
      active: webhooks.active,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .where(eq(webhooks.tenantId, tx.tenantId))
    .orderBy(desc(webhooks.createdAt), webhooks.name);
  const deliveries = await tx
    .select({
      id: webhookDeliveries.id,
      webhook: webhooks.name,
      trackingCode: cases.trackingCode,
      seq: webhookDeliveries.seq,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhooks,
      and(eq(webhooks.tenantId, webhookDeliveries.tenantId), eq(webhooks.id, webhookDeliveries.webhookId)),
    )
    .innerJoin(
      caseEvents,
      and(
        eq(caseEvents.tenantId, webhookDeliveries.tenantId),
        eq(caseEvents.caseId, webhookDeliveries.caseId),
        eq(caseEvents.seq, webhookDeliveries.seq),
      ),
    )
    .innerJoin(cases, and(eq(cases.tenantId, webhookDeliveries.tenantId), eq(cases.id, webhookDeliveries.caseId)))
    .where(eq(webhookDeliveries.tenantId, tx.tenantId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.seq))
    .limit(50);
  return { webhooks: hooks, deliveries };
}
