import { type AppTx, apiKeys, enterTenant, type TenantTx, tenants } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { parseApiKey, secretMatches } from "./api-key-token";

/** `lastUsedAt` is written at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

export type ApiCaller = { tenantId: string; divisionCode: string; keyId: string; tenantTx: TenantTx };

/**
 * The county and key behind `Authorization: Bearer <key>`, entering the county on this
 * transaction; null for a malformed, unknown, wrong, revoked key or a suspended county.
 * The key's own id is looked up inside the county the division code names, so another
 * county's key id never matches.
 */
export async function authenticateApiKey(tx: AppTx, key: string, now: Date): Promise<ApiCaller | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const [tenant] = await tx
    .select({ id: tenants.id, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.divisionCode, parsed.divisionCode));
  if (tenant?.status !== "active") return null;
  const tenantTx = await enterTenant(tx, tenant.id);
  const [row] = await tenantTx
    .select({ secretHash: apiKeys.secretHash, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.id, parsed.keyId)));
  if (!row || !secretMatches(parsed.secret, row.secretHash) || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await tenantTx
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.id, parsed.keyId)));
  }
  return { tenantId: tenant.id, divisionCode: parsed.divisionCode, keyId: parsed.keyId, tenantTx };
}
