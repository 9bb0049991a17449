import { createHash, createHmac, randomBytes } from "node:crypto";

/** Crockford's base32 without I, L, O, U: read aloud and typed on a phone without confusion. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const base32 = (bytes: Uint8Array, length: number) =>
  Array.from(bytes.subarray(0, length), (b) => ALPHABET[b & 31]).join("");

/** A new meeting's secret: the representatives' ballot codes are derived from it. */
export const newCodeSecret = () => randomBytes(32).toString("hex");

/**
 * The personal ballot code of one representative at one meeting: the county's division code (the
 * public page finds the county by it, as the tracking code does) and ten characters derived from
 * the meeting's secret, so the slips can be printed again without storing the codes.
 */
export function ballotCodeOf(divisionCode: string, codeSecret: string, representativeId: string): string {
  const mac = createHmac("sha256", codeSecret).update(representativeId).digest();
  return `${divisionCode}-${base32(mac, 10)}`;
}

/** What is stored of a code: its hash (a leaked table gives no one a ballot). */
export const codeHash = (code: string) => createHash("sha256").update(code).digest("hex");

/** "450107-ABCDE12345" however typed (case, spaces, without the hyphen); null when it is not one. */
export function parseBallotCode(input: unknown): { divisionCode: string; code: string } | null {
  if (typeof input !== "string") return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const match = /^(\d{6})([0-9A-HJKMNP-TV-Z]{10})$/.exec(compact);
  return match ? { divisionCode: match[1]!, code: `${match[1]}-${match[2]}` } : null;
}

/** The receipt a voter keeps: random, stored only on the anonymous ballot. */
export const newReceipt = () => base32(randomBytes(12), 12);
