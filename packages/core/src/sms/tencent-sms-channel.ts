import type { Agent } from "node:http";
import { cases, smsSettings, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { sms } from "tencentcloud-sdk-nodejs-sms";
import { maskPhone } from "../deputies/sheet/build-deputy-sheet";
import type { OutboxMessage } from "../worker/outbox-adapters";
import { openSecret } from "./secret-box";
import { CITIZEN_SMS_STEPS, type TCitizenSmsStep } from "./sms-settings-input";

/** Tencent Cloud's SMS API, as the SDK would reach it without an endpoint. */
export const TENCENT_SMS_ENDPOINT = "sms.tencentcloudapi.com";

export type TencentSmsOptions = {
  /** COUNTY_SECRETS_KEY: opens the counties' sealed SecretId and SecretKey. */
  secretsKey: Buffer;
  /** `host[:port]`; the SDK signs for the service named by its first label, so keep it `sms.…`. */
  endpoint?: string;
  /** The HTTPS agent the SDK connects with (a private CA, a proxy). */
  agent?: Agent;
  /** How long one request may take before it counts as failed (and is retried). */
  timeoutSeconds?: number;
};

/**
 * The citizens' SMS, through each county's own Tencent Cloud SMS account (the official SDK).
 * `deliver` answers null when the county has set up no account: the worker hands the message to
 * its default channel (the log), as before. It throws when the provider refuses or fails, with a
 * text that names no phone number, and the worker retries it with backoff.
 */
export type CitizenSmsChannel = {
  name: string;
  deliver(tx: TenantTx, message: OutboxMessage): Promise<"sent" | null>;
};

const TEMPLATE_COLUMN = {
  submitted: "templateSubmitted",
  assigned: "templateAssigned",
  answered: "templateAnswered",
  closed: "templateClosed",
} as const satisfies Record<TCitizenSmsStep, keyof typeof smsSettings.$inferSelect>;

export function tencentSmsChannel(options: TencentSmsOptions): CitizenSmsChannel {
  const { secretsKey, endpoint = TENCENT_SMS_ENDPOINT, agent, timeoutSeconds = 10 } = options;
  return {
    name: "sms",
    async deliver(tx, message) {
      const [account] = await tx.select().from(smsSettings).where(eq(smsSettings.tenantId, tx.tenantId));
      if (!account) return null;
      const step = stepOf(message.payload.template);
      const [kase] = await tx
        .select({ trackingCode: cases.trackingCode, phone: cases.submitterPhone })
        .from(cases)
        .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, message.caseId)));
      if (!kase?.trackingCode || !kase.phone || !/^1[3-9]\d{9}$/.test(kase.phone))
        throw new Error("该案件没有可接收短信的手机号或查询码");
      const open = (field: string, sealed: string) => {
        try {
          return openSecret(secretsKey, sealed, { tenantId: tx.tenantId, field });
        } catch {
          // Saved under another COUNTY_SECRETS_KEY: the admin enters the keys again.
          throw new Error("短信密钥无法解密：COUNTY_SECRETS_KEY 已更换？请在短信通知页重新填写 SecretId 和 SecretKey");
        }
      };
      const client = new sms.v20210111.Client({
        credential: {
          secretId: open("secretId", account.secretIdCiphertext),
          secretKey: open("secretKey", account.secretKeyCiphertext),
        },
        region: account.region,
        profile: { httpProfile: { endpoint, agent, reqTimeout: timeoutSeconds } },
      });
      let answer: Awaited<ReturnType<typeof client.SendSms>>;
      try {
        answer = await client.SendSms({
          SmsSdkAppId: account.sdkAppId,
          SignName: account.signName,
          TemplateId: account[TEMPLATE_COLUMN[step]],
          TemplateParamSet: [kase.trackingCode],
          PhoneNumberSet: [`+86${kase.phone}`],
          // Tencent echoes it back in its delivery receipts: the outbox row, never the number.
          SessionContext: message.id,
        });
      } catch (error) {
        throw new Error(withoutPhoneNumbers(describeSdkError(error)));
      }
      // A request the API took can still be refused for the number (its daily limit, a bad template…).
      const status = answer.SendStatusSet?.[0];
      if (status?.Code !== "Ok")
        throw new Error(withoutPhoneNumbers(`${status?.Code ?? "NoStatus"}: ${status?.Message ?? "no send status"}`));
      return "sent";
    },
  };
}

function stepOf(template: unknown): TCitizenSmsStep {
  const step = typeof template === "string" ? template.replace(/^sms\./, "") : "";
  if (!(CITIZEN_SMS_STEPS as readonly string[]).includes(step))
    throw new Error(`unknown SMS template ${String(template)}`);
  return step as TCitizenSmsStep;
}

/** The SDK's error as the outbox keeps it: Tencent's code (LimitExceeded…) or the HTTP status, and its message. */
function describeSdkError(error: unknown): string {
  const e = error as { code?: string; httpCode?: number; message?: string };
  const code = e?.code || (e?.httpCode ? `HTTP ${e.httpCode}` : "Error");
  return `${code}: ${e?.message ?? String(error)}`;
}

/** Provider messages may quote the number; the outbox and the log never keep one. */
export function withoutPhoneNumbers(text: string): string {
  return text.replace(
    /(\+?86)?(1[3-9]\d{9})/g,
    (_, prefix: string | undefined, phone: string) => `${prefix ?? ""}${maskPhone(phone)}`,
  );
}
