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

/** Spaces and dashes of any width a citizen may type, copy or a phone keyboard may insert. */
const SEPARATORS = /[\s\-‐-―−－_.·]/gu;
const BARE_CODE = /^(\d{6})([2-9A-HJKMNP-Z]{8})$/;

/**
 * The canonical code and its county part, or null for anything that is not a tracking code.
 * Forgiving of how people type it: any case, with or without the hyphen, spaces around or
 * inside, full-width dashes ("450107 k7m2qd8p", "450107－K7M2QD8P").
 */
export function parseTrackingCode(value: string): { code: string; divisionCode: string } | null {
  if (value.length > 64) return null;
  const bare = value.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
  const match = BARE_CODE.exec(bare);
  if (!match) return null;
  const code = `${match[1]}-${match[2]}`;
  return TRACKING_CODE.test(code) ? { code, divisionCode: match[1]! } : null;
}
