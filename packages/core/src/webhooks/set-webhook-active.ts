import { assertCan } from "@rdlink/auth";
import { type TenantTx, webhooks } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";

export const ZSetWebhookActive = z.object({ webhookId: z.uuid({ error: "validation.invalid" }), active: z.boolean() });

/** Stops (or resumes) a webhook: stopped, no step is queued for it; what was queued is still sent. */
export async function setWebhookActive(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const { webhookId, active } = parseInput(ZSetWebhookActive, input);
  const [hook] = await tx
    .update(webhooks)
    .set({ active })
    .where(and(eq(webhooks.tenantId, tx.tenantId), eq(webhooks.id, webhookId)))
    .returning({ name: webhooks.name });
  if (!hook) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: active ? "webhook.enabled" : "webhook.disabled",
    objectType: "webhook",
    objectId: webhookId,
    detail: { name: hook.name },
  });
}
