import { z } from "zod";

/** Where Tencent Cloud SMS serves mainland China (the region is part of the signed request). */
export const SMS_REGIONS = ["ap-guangzhou", "ap-beijing", "ap-nanjing"] as const;

/** The public steps a citizen hears of, each with its template (one parameter: the tracking code). */
export const CITIZEN_SMS_STEPS = ["submitted", "assigned", "answered", "closed"] as const;
export type TCitizenSmsStep = (typeof CITIZEN_SMS_STEPS)[number];

/** A credential typed in, or left blank to keep the one saved (required the first time, see saveSmsSettings). */
const ZCredential = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^$|^[A-Za-z0-9]{16,128}$/, message)
    .optional()
    .transform((v) => v || null);

const ZTemplateId = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .regex(/^\d{1,12}$/, "validation.smsTemplateId");

/**
 * The county's SMS account as the settings form sends it. Messages are i18n keys. The SecretKey
 * and SecretId fields are blank when the admin keeps what was saved (the page never shows them).
 */
export const ZSmsSettings = z.object({
  secretId: ZCredential("validation.smsSecretId"),
  secretKey: ZCredential("validation.smsSecretKey"),
  sdkAppId: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^14\d{8}$/, "validation.smsSdkAppId"),
  // Tencent's rules for a 签名: 2 to 12 characters, Chinese, letters and digits.
  signName: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^[\p{Script=Han}A-Za-z0-9]{2,12}$/u, "validation.smsSignName"),
  region: z.enum(SMS_REGIONS, { error: "validation.invalid" }).default("ap-guangzhou"),
  templateSubmitted: ZTemplateId,
  templateAssigned: ZTemplateId,
  templateAnswered: ZTemplateId,
  templateClosed: ZTemplateId,
});

export type TSmsSettingsInput = z.infer<typeof ZSmsSettings>;

/** What the page shows of a SecretId: its first and last four characters. */
export function secretIdHint(secretId: string): string {
  return `${secretId.slice(0, 4)}…${secretId.slice(-4)}`;
}
