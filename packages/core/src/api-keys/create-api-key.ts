import { randomUUID } from "node:crypto";
import { assertCan } from "@rdlink/auth";
import { apiKeys, type TenantTx, tenants } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";
import { formatApiKey, hashApiKeySecret, newApiKeySecret } from "./api-key-token";

export const ZCreateApiKey = z.object({ name: ZName });

/**
 * A new key for another system (e.g. the 12345 hotline). The full key is answered this
 * once and never again: only the secret's hash is stored.
 */
export async function createApiKey(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const { name } = parseInput(ZCreateApiKey, input);
  const [tenant] = await tx
    .select({ divisionCode: tenants.divisionCode })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  if (!tenant) throw new NotFoundError();
  const id = randomUUID();
  const secret = newApiKeySecret();
  await tx.insert(apiKeys).values({
    id,
    name,
    secretHash: hashApiKeySecret(secret),
    createdBy: ctx.actor.userId,
    createdAt: now,
  });
  await recordAudit(tx, ctx, { action: "apiKey.create", objectType: "apiKey", objectId: id, detail: { name } });
  return { id, name, key: formatApiKey(tenant.divisionCode, id, secret) };
}
