import { createHash } from "node:crypto";
import { cases, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { IdempotencyKeyReusedError, isUniqueViolation } from "../shared/errors";

/**
 * Idempotency for every intake that carries a key (the API's `Idempotency-Key`, the public
 * form's hidden key): the same key with the same content answers the first case again and
 * writes nothing; with other content it is refused (422); of two at once, the loser's insert
 * fails on the unique key and its second try finds the winner's case.
 */

export type EarlierIntake = { caseId: string; trackingCode: string; state: string };

/**
 * The case an earlier submission with this key opened, or null. Throws
 * IdempotencyKeyReusedError when that submission's content differs; cases kept before
 * fingerprints were (null) replay as they always did.
 */
export async function replayIntake(
  tx: TenantTx,
  intakeKey: string,
  fingerprint: string,
): Promise<EarlierIntake | null> {
  const [row] = await tx
    .select({
      caseId: cases.id,
      trackingCode: cases.trackingCode,
      state: cases.state,
      fingerprint: cases.intakeFingerprint,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.intakeKey, intakeKey)));
  if (!row) return null;
  if (row.fingerprint && row.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  return { caseId: row.caseId, trackingCode: row.trackingCode ?? "", state: row.state };
}

/**
 * Runs a keyed intake's whole transaction, and once more if it lost the race to a concurrent
 * one with its key: its insert failed on the unique key (on PostgreSQL the transaction is
 * then aborted, so the winner's row can only be read in a new one), and the second try finds
 * the winner's case through replayIntake. PGlite runs transactions one at a time, so there
 * the first try already finds it.
 */
export async function withIntakeKeyRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return attempt();
}

/**
 * SHA-256 of `content` as JSON with keys sorted at every level, so that the same content
 * sent again matches however its keys are ordered.
 */
export function intakeFingerprint(content: unknown): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
          )
        : value;
  return createHash("sha256")
    .update(JSON.stringify(sorted(content)))
    .digest("hex");
}
