import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/** JSON with object keys sorted at every level, so equal content always serialises alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * What a published version is known by: identical content, identical hash, no new version.
 * SHA-256 in plain JavaScript (not node:crypto), so the designer computes in the browser the
 * very hashes the server stores.
 */
export function contentHash(value: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(value))));
}
