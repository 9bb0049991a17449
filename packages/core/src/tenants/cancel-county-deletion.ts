import { assertCan } from "@rdlink/auth";
import { type TenantTx, tenants } from "@rdlink/db";
import { and, eq, isNotNull } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";

/** The operator changes their mind within the grace period: the county stays, suspended. */
export async function cancelCountyDeletion(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const cancelled = await tx
    .update(tenants)
    .set({ deletionDueAt: null })
    .where(and(eq(tenants.id, tx.tenantId), isNotNull(tenants.deletionDueAt)))
    .returning({ id: tenants.id });
  if (cancelled.length === 0) throw new ConflictError("errors.deletionNotScheduled");
  await recordPlatformAudit(tx, ctx, {
    action: "tenant.deletion_cancelled",
    objectType: "tenant",
    objectId: tx.tenantId,
    tenantId: tx.tenantId,
  });
}
