import { assertCan } from "@rdlink/auth";
import { sessions, type TenantTx, tenants, users } from "@rdlink/db";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";

export const ZSetTenantStatus = z.object({ status: z.enum(["active", "suspended"], { error: "validation.invalid" }) });

/**
 * Suspends or reactivates a county. Suspension ends its users' sessions and keeps them
 * from signing in; nothing is deleted, so reactivation restores everything.
 */
export async function setTenantStatus(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const { status } = parseInput(ZSetTenantStatus, input);
  const [scheduled] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.id, tx.tenantId), isNotNull(tenants.deletionDueAt)));
  if (scheduled) throw new ConflictError("errors.deletionScheduled");
  const [tenant] = await tx
    .update(tenants)
    .set({ status, statusChangedAt: ctx.clock.now() })
    .where(eq(tenants.id, tx.tenantId))
    .returning();
  if (!tenant) throw new NotFoundError();
  if (status === "suspended") {
    const countyUsers = tx.select({ id: users.id }).from(users).where(eq(users.homeTenantId, tx.tenantId));
    await tx.delete(sessions).where(inArray(sessions.userId, countyUsers));
  }
  const action = status === "suspended" ? "tenant.suspended" : "tenant.reactivated";
  await recordAudit(tx, ctx, { action, objectType: "tenant", objectId: tx.tenantId });
  await recordPlatformAudit(tx, ctx, { action, objectType: "tenant", objectId: tx.tenantId, tenantId: tx.tenantId });
  return tenant;
}
