import { assertCan } from "@rdlink/auth";
import { apiKeys, type TenantTx, tenants, users } from "@rdlink/db";
import { desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { apiKeyPrefix } from "./api-key-token";

/** The county's API keys, newest first: who made each, when it was last used, whether revoked. Never a secret. */
export async function listApiKeys(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.apiKeys.manage", { tenantId: tx.tenantId });
  const [tenant] = await tx
    .select({ divisionCode: tenants.divisionCode })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  const rows = await tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      createdAt: apiKeys.createdAt,
      createdByName: users.displayName,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.tenantId, tx.tenantId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => ({ ...row, prefix: apiKeyPrefix(tenant?.divisionCode ?? "", row.id) }));
}
