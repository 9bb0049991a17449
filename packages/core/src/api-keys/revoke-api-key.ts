import { assertCan } from "@rdlink/auth";
import { apiKeys, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZRevokeApiKey = z.object({ id: ZId });

/** Revokes a key for good: the next request with it is refused. Revoking twice is not found. */
export async function revokeApiKey(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const { id } = parseInput(ZRevokeApiKey, input);
  const [revoked] = await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.tenantId, tx.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name });
  if (!revoked) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "apiKey.revoke",
    objectType: "apiKey",
    objectId: id,
    detail: { name: revoked.name },
  });
}
