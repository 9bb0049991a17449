import { assertCan } from "@rdlink/auth";
import { auditLog, type TenantTx } from "@rdlink/db";
import { count, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { verifyAuditChain } from "./verify-audit-chain";

/** The county audit page's "verify" button: the chain walked, its rows counted, the broken ones named. */
export async function checkCountyAuditChain(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.audit.read", { tenantId: tx.tenantId });
  const [broken, [rows]] = await Promise.all([
    verifyAuditChain(tx),
    tx.select({ value: count() }).from(auditLog).where(eq(auditLog.tenantId, tx.tenantId)),
  ]);
  return { rows: rows?.value ?? 0, broken };
}
