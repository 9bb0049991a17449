import { randomInt } from "node:crypto";

/** Letters and digits that cannot be misread when a citizen copies them (no 0/O, 1/I/L). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 8;
const TRACKING_CODE = /^(\d{6})-([2-9A-HJKMNP-Z]{8})$/;

/**
 * A case's tracking code, e.g. "450107-K7M2QD8P": the county's division code says which
 * county, the rest (31⁸ ≈ 850 billion per county) cannot be guessed in any useful time.
 */
export function newTrackingCode(divisionCode: string): string {
  const random = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${divisionCode}-${random}`;
}

/** The county part of a tracking code, or null for anything that is not one (case-insensitive). */
export function parseTrackingCode(value: string): { code: string; divisionCode: string } | null {
  const code = value.trim().toUpperCase();
  const match = TRACKING_CODE.exec(code);
  return match ? { code, divisionCode: match[1]! } : null;
}
