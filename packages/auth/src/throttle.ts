import { type AppTx, loginThrottles } from "@rdlink/db";
import { inArray, sql } from "drizzle-orm";

/** Failures before a lock, per account name and per address (an office shares one address). */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;
/** The first lock lasts a minute and doubles with each further failure, up to an hour. */
const FIRST_LOCK_MS = 60 * 1000;
const LONGEST_LOCK_MS = 60 * 60 * 1000;
/** Failures older than this are forgotten. */
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export type ThrottleKeys = { account: string; address: string | null };

const keysOf = ({ account, address }: ThrottleKeys) => [
  { key: `account:${account}`, limit: ACCOUNT_FAILURE_LIMIT },
  ...(address ? [{ key: `address:${address}`, limit: ADDRESS_FAILURE_LIMIT }] : []),
];

/** When the account name or the address is locked, the time the lock ends. */
export async function lockedUntil(tx: AppTx, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const rows = await tx
    .select()
    .from(loginThrottles)
    .where(
      inArray(
        loginThrottles.key,
        keysOf(keys).map((k) => k.key),
      ),
    );
  const ends = rows.map((r) => r.lockedUntil).filter((end): end is Date => end !== null && end > now);
  return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}

/** Counts a failed sign-in; from the limit on, each failure locks for twice as long. */
export async function recordFailure(tx: AppTx, keys: ThrottleKeys, now: Date): Promise<void> {
  for (const { key, limit } of keysOf(keys)) {
    const [row] = await tx
      .insert(loginThrottles)
      .values({ key, failures: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: loginThrottles.key,
        set: {
          failures: sql`case when ${loginThrottles.updatedAt} < ${new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString()}::timestamptz
            then 1 else ${loginThrottles.failures} + 1 end`,
          updatedAt: now,
        },
      })
      .returning();
    if (row && row.failures >= limit) {
      const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (row.failures - limit), LONGEST_LOCK_MS);
      await tx
        .insert(loginThrottles)
        .values({ key, failures: row.failures, lockedUntil: new Date(now.getTime() + lockMs), updatedAt: now })
        .onConflictDoUpdate({ target: loginThrottles.key, set: { lockedUntil: new Date(now.getTime() + lockMs) } });
    }
  }
}

/** A successful sign-in clears the account's count (not the address's). */
export async function clearAccountFailures(tx: AppTx, account: string): Promise<void> {
  await tx.delete(loginThrottles).where(inArray(loginThrottles.key, [`account:${account}`]));
}
