import { assertCan } from "@rdlink/auth";
import { smsSettings, type TenantTx } from "@rdlink/db";
import { eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/**
 * The county's SMS account as its settings page shows it: never a secret, only that one is set
 * (the SecretId by its first and last four characters). Null: not configured, citizens' messages
 * go to the log channel.
 */
export async function getSmsSettings(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.outbox.manage", { tenantId: tx.tenantId });
  const [row] = await tx
    .select({
      secretIdHint: smsSettings.secretIdHint,
      sdkAppId: smsSettings.sdkAppId,
      signName: smsSettings.signName,
      region: smsSettings.region,
      templateSubmitted: smsSettings.templateSubmitted,
      templateAssigned: smsSettings.templateAssigned,
      templateAnswered: smsSettings.templateAnswered,
      templateClosed: smsSettings.templateClosed,
      updatedAt: smsSettings.updatedAt,
    })
    .from(smsSettings)
    .where(eq(smsSettings.tenantId, tx.tenantId));
  return row ? { ...row, secretKeySet: true as const } : null;
}
