import { assertCan } from "@rdlink/auth";
import { smsSettings, type TenantTx } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { sealSecret } from "./secret-box";
import { secretIdHint, ZSmsSettings } from "./sms-settings-input";

/**
 * Sets the county's Tencent Cloud SMS account: from then on its citizens who left a mobile number
 * hear back by SMS. The SecretId and SecretKey are sealed with `secretsKey` (COUNTY_SECRETS_KEY)
 * before they reach the database; left blank, the saved ones stay. The audit log records what
 * changed, never a secret.
 */
export async function saveSmsSettings(tx: TenantTx, ctx: UseCaseContext, input: unknown, secretsKey: Buffer) {
  assertCan(ctx.actor, "tenant.outbox.manage", { tenantId: tx.tenantId });
  const form = parseInput(ZSmsSettings, input);
  const [saved] = await tx
    .select({ id: smsSettings.id })
    .from(smsSettings)
    .where(eq(smsSettings.tenantId, tx.tenantId))
    .for("update");
  if (!saved) {
    const missing: Record<string, string> = {};
    if (!form.secretId) missing.secretId = "validation.required";
    if (!form.secretKey) missing.secretKey = "validation.required";
    if (Object.keys(missing).length > 0) throw new ValidationError(missing);
  }
  const seal = (field: string, value: string) => sealSecret(secretsKey, value, { tenantId: tx.tenantId, field });
  const values = {
    sdkAppId: form.sdkAppId,
    signName: form.signName,
    region: form.region,
    templateSubmitted: form.templateSubmitted,
    templateAssigned: form.templateAssigned,
    templateAnswered: form.templateAnswered,
    templateClosed: form.templateClosed,
    ...(form.secretId
      ? { secretIdCiphertext: seal("secretId", form.secretId), secretIdHint: secretIdHint(form.secretId) }
      : {}),
    ...(form.secretKey ? { secretKeyCiphertext: seal("secretKey", form.secretKey) } : {}),
    updatedBy: ctx.actor.userId,
    updatedAt: ctx.clock.now(),
  };
  if (saved) {
    await tx.update(smsSettings).set(values).where(eq(smsSettings.tenantId, tx.tenantId));
  } else {
    await tx.insert(smsSettings).values({
      ...values,
      secretIdCiphertext: values.secretIdCiphertext!,
      secretIdHint: values.secretIdHint!,
      secretKeyCiphertext: values.secretKeyCiphertext!,
    });
  }
  await recordAudit(tx, ctx, {
    action: "sms.settings_saved",
    objectType: "sms_settings",
    objectId: tx.tenantId,
    detail: {
      sdkAppId: form.sdkAppId,
      signName: form.signName,
      region: form.region,
      templates: {
        submitted: form.templateSubmitted,
        assigned: form.templateAssigned,
        answered: form.templateAnswered,
        closed: form.templateClosed,
      },
      secretIdChanged: form.secretId !== null,
      secretKeyChanged: form.secretKey !== null,
    },
  });
}
