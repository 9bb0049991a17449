import { createHmac } from "node:crypto";
import { type AppTx, rateLimits } from "@rdlink/db";
import { inArray, lt, sql } from "drizzle-orm";
import { isSqlState, RateLimitedError, STATEMENT_REFUSED_ITSELF } from "../shared/errors";

export type RateLimit = { max: number; windowMs: number };

/** What the public intake allows: a person a few opinions an hour, a station more. */
export const INTAKE_LIMITS = {
  perAddress: { max: 10, windowMs: 60 * 60_000 },
  perStation: { max: 120, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimit>;

/** Rate-limit keys never hold an address, only a keyed hash of it. */
export function addressKey(secret: string, address: string): string {
  return `addr:${createHmac("sha256", secret).update(address).digest("hex").slice(0, 32)}`;
}

/**
 * Counts one hit in a fixed window and says whether it is within the limit, and if not,
 * in how many seconds the window ends. One statement: concurrent hits all count.
 */
export async function hitRateLimit(
  tx: AppTx,
  key: string,
  limit: RateLimit,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const [row] = await countHits(tx, [[key, limit]], now);
  if (row!.count <= limit.max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: secondsUntilWindowEnds([limit], now) };
}

const windowStartOf = (limit: RateLimit, now: Date) => Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;

/** The seconds until the latest of these limits' current windows ends (at least 1). */
function secondsUntilWindowEnds(limits: RateLimit[], now: Date): number {
  const windowEnd = Math.max(...limits.map((limit) => windowStartOf(limit, now) + limit.windowMs));
  return Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
}

/** The statement that counts one hit for each key (distinct) in its window, returning each key's count. */
function countHits(tx: AppTx, hits: (readonly [string, RateLimit])[], now: Date) {
  return tx
    .insert(rateLimits)
    .values(hits.map(([key, limit]) => ({ key, windowStart: new Date(windowStartOf(limit, now)), count: 1 })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count });
}

/** Forgets windows that ended long ago (the worker calls it now and then). */
export async function purgeRateLimits(tx: AppTx, now: Date): Promise<void> {
  await tx.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 24 * 60 * 60_000)));
}

/** The public intake's two keys and their limits: per address, then per station. */
function intakeKeys(args: IntakeLimitArgs): (readonly [string, RateLimit])[] {
  const limits = args.limits ?? INTAKE_LIMITS;
  return [
    [addressKey(args.secret, args.address), limits.perAddress],
    [`station:${args.stationId}`, limits.perStation],
  ];
}

export type IntakeLimitArgs = { secret: string; address: string; stationId: string; limits?: typeof INTAKE_LIMITS };

/**
 * The public intake's limits, counted (per address, then per station): in the submission's
 * own transaction (submitPublicOpinion), after the submission itself, so that a refused one
 * counts too while the counters' rows stay locked only until the commit; on its own for an
 * attempt refused before it got there. Both are counted in one statement that fails itself when a
 * count passes its limit (it divides by whether each is within), so that nothing of a submission
 * over the limit can commit even when the statement carries its transaction's COMMIT (decision
 * 0046); the transaction then counts neither. The seconds to wait are those of the latest window
 * to end among the limits (the intake's share one length).
 */
export async function assertWithinIntakeLimits(tx: AppTx, args: IntakeLimitArgs, now: Date): Promise<void> {
  const hits = intakeKeys(args);
  const limits = sql.join(
    hits.map(([key, limit]) => sql`(${key}::text, ${limit.max}::int)`),
    sql`, `,
  );
  try {
    await tx.execute(sql`with counted as ${countHits(tx, hits, now)}
      select sum(1 / (counted.count <= limits.max)::int)::int as within
      from counted join (values ${limits}) as limits (key, max) on limits.key = counted.key`);
  } catch (error) {
    if (!isSqlState(error, STATEMENT_REFUSED_ITSELF)) throw error;
    throw new RateLimitedError(
      secondsUntilWindowEnds(
        hits.map(([, limit]) => limit),
        now,
      ),
    );
  }
}

/**
 * Refuses, counting nothing, a client whose limit is already used up in this window: the
 * check before a byte of the body is read. The count that decides is assertWithinIntakeLimits.
 */
export async function assertIntakeLimitsLeft(tx: AppTx, args: IntakeLimitArgs, now: Date): Promise<void> {
  const keys = intakeKeys(args);
  const rows = await tx
    .select({ key: rateLimits.key, windowStart: rateLimits.windowStart, count: rateLimits.count })
    .from(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        keys.map(([key]) => key),
      ),
    );
  for (const [key, limit] of keys) {
    const windowStart = windowStartOf(limit, now);
    const row = rows.find((r) => r.key === key && r.windowStart.getTime() === windowStart);
    if (row && row.count >= limit.max) {
      throw new RateLimitedError(secondsUntilWindowEnds([limit], now));
    }
  }
}
