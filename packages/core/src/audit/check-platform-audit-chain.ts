import { assertCan } from "@rdlink/auth";
import { type AppTx, platformAuditLog } from "@rdlink/db";
import { count } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { verifyPlatformAuditChain } from "./verify-audit-chain";

/** The platform audit page's "verify" button: the platform's chain walked, the broken rows named. */
export async function checkPlatformAuditChain(tx: AppTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const [broken, [rows]] = await Promise.all([
    verifyPlatformAuditChain(tx),
    tx.select({ value: count() }).from(platformAuditLog),
  ]);
  return { rows: rows?.value ?? 0, broken };
}
