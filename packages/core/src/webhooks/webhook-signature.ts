import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * How a webhook's requests are signed, as Stripe and GitHub do it: the header
 * `X-Rdlink-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the webhook's
 * secret. The timestamp in the signed text lets a receiver refuse a replayed request.
 */
export const SIGNATURE_HEADER = "X-Rdlink-Signature";
/** How old a signed request a receiver should still accept. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

export function signWebhook(secret: string, at: Date, body: string): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** What a receiver checks (documented in the OpenAPI file; the tests' receiver uses it). */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, body: string, now: Date) {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
