import { randomUUID } from "node:crypto";
import { assertCan } from "@rdlink/auth";
import { type TenantTx, webhooks } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";
import { sealSecret } from "../sms/secret-box";
import { newWebhookSecret } from "./webhook-signature";

export const WEBHOOK_SECRET_FIELD = "webhook.secret";

export const ZCreateWebhook = z.object({
  name: ZName,
  url: z
    .string({ error: "validation.required" })
    .trim()
    .max(500, "validation.tooLong")
    .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), {
      message: "validation.webhookUrl",
    }),
});

/**
 * The county admin adds a system that follows its cases: every step of every case is POSTed to
 * the address, signed. The secret is answered this once; the database keeps it sealed under
 * COUNTY_SECRETS_KEY (`secretsKey`), since the worker needs it to sign.
 */
export async function createWebhook(tx: TenantTx, ctx: UseCaseContext, input: unknown, secretsKey: Buffer) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const { name, url } = parseInput(ZCreateWebhook, input);
  const id = randomUUID();
  const secret = newWebhookSecret();
  await tx.insert(webhooks).values({
    id,
    name,
    url,
    secretSealed: sealSecret(secretsKey, secret, { tenantId: tx.tenantId, field: WEBHOOK_SECRET_FIELD }),
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  await recordAudit(tx, ctx, { action: "webhook.created", objectType: "webhook", objectId: id, detail: { name, url } });
  return { id, name, url, secret };
}
