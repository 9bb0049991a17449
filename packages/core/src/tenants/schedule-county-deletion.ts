import { assertCan } from "@rdlink/auth";
import { type TenantTx, tenants } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";

/** How long a county scheduled for deletion can still be restored (reactivated). */
export const DELETION_GRACE_DAYS = 30;

/**
 * Offboarding's last step: a suspended county whose data was exported since its suspension is
 * deleted once the grace period has passed (by the worker, deleteDueCounties). Until then the
 * operator can cancel. The order — suspend, export, schedule — is the rule here, not the page's.
 */
export async function scheduleCountyDeletion(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const [county] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)).for("update");
  if (!county) throw new NotFoundError();
  if (county.deletionDueAt) throw new ConflictError("errors.deletionAlreadyScheduled");
  if (county.status !== "suspended") throw new ConflictError("errors.deletionNeedsSuspension");
  const exportedSinceSuspension =
    county.exportedAt && county.statusChangedAt && county.exportedAt.getTime() >= county.statusChangedAt.getTime();
  if (!exportedSinceSuspension) throw new ConflictError("errors.deletionNeedsExport");
  const deletionDueAt = new Date(ctx.clock.now().getTime() + DELETION_GRACE_DAYS * 86_400_000);
  await tx.update(tenants).set({ deletionDueAt }).where(eq(tenants.id, tx.tenantId));
  await recordPlatformAudit(tx, ctx, {
    action: "tenant.deletion_scheduled",
    objectType: "tenant",
    objectId: tx.tenantId,
    tenantId: tx.tenantId,
    detail: { deletionDueAt: deletionDueAt.toISOString(), name: county.name, divisionCode: county.divisionCode },
  });
  return { deletionDueAt };
}
