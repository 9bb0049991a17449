import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * An API key as its holder sees it: `rdk_<divisionCode>_<keyId>_<secret>`. The division
 * code finds the county and the id its key without scanning; the secret is 32 random
 * bytes (base32, 52 characters). Only the secret's SHA-256 is kept, as for sessions.
 */
const API_KEY = /^rdk_(\d{6})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([a-z2-7]{52})$/;

export function newApiKeySecret(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

export function formatApiKey(divisionCode: string, keyId: string, secret: string): string {
  return `rdk_${divisionCode}_${keyId}_${secret}`;
}

/** The parts of an API key, or null for anything that is not one. */
export function parseApiKey(value: string): { divisionCode: string; keyId: string; secret: string } | null {
  const match = API_KEY.exec(value.trim());
  return match ? { divisionCode: match[1]!, keyId: match[2]!, secret: match[3]! } : null;
}

/** What the table keeps: the secret's SHA-256, hex. */
export function hashApiKeySecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares a secret with a stored hash in time that does not depend on where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(hashApiKeySecret(secret)), encoder.encode(storedHash));
}

/** The start of a key, safe to show in lists: `rdk_450107_1a2b3c4d…`. */
export function apiKeyPrefix(divisionCode: string, keyId: string): string {
  return `rdk_${divisionCode}_${keyId.slice(0, 8)}…`;
}
