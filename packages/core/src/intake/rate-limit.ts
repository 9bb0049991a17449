import { createHmac } from "node:crypto";
import { type AppTx, rateLimits } from "@rdlink/db";
import { inArray, lt, sql } from "drizzle-orm";
import { RateLimitedError } from "../shared/errors";

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
  const [outcome] = await hitRateLimits(tx, [[key, limit]], now);
  return outcome!;
}

/** `hitRateLimit` for several keys (distinct) in one statement, their outcomes in the same order. */
async function hitRateLimits(tx: AppTx, hits: (readonly [string, RateLimit])[], now: Date) {
  const windowStartOf = (limit: RateLimit) => new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const rows = await tx
    .insert(rateLimits)
    .values(hits.map(([key, limit]) => ({ key, windowStart: windowStartOf(limit), count: 1 })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count });
  return hits.map(([key, limit]) => {
    const count = rows.find((row) => row.key === key)?.count ?? 0;
    if (count <= limit.max) return { allowed: true as const };
    const retryAfterMs = windowStartOf(limit).getTime() + limit.windowMs - now.getTime();
    return { allowed: false as const, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  });
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
 * attempt refused before it got there.
 */
export async function assertWithinIntakeLimits(tx: AppTx, args: IntakeLimitArgs, now: Date): Promise<void> {
  // Both counted in one statement; a refusal throws, and its transaction counts neither.
  for (const outcome of await hitRateLimits(tx, intakeKeys(args), now)) {
    if (!outcome.allowed) throw new RateLimitedError(outcome.retryAfterSeconds);
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
    const windowStart = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
    const row = rows.find((r) => r.key === key && r.windowStart.getTime() === windowStart);
    if (row && row.count >= limit.max) {
      throw new RateLimitedError(Math.max(1, Math.ceil((windowStart + limit.windowMs - now.getTime()) / 1000)));
    }
  }
}
