import { assertCan } from "@rdlink/auth";
import { smsSettings, type TenantTx } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";

/** Forgets the county's SMS account (and its sealed keys): its citizens' messages go to the log channel again. */
export async function removeSmsSettings(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.outbox.manage", { tenantId: tx.tenantId });
  const removed = await tx
    .delete(smsSettings)
    .where(eq(smsSettings.tenantId, tx.tenantId))
    .returning({ sdkAppId: smsSettings.sdkAppId });
  if (removed.length === 0) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "sms.settings_removed",
    objectType: "sms_settings",
    objectId: tx.tenantId,
    detail: { sdkAppId: removed[0]!.sdkAppId },
  });
}
