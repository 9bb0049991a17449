import { createHmac } from "node:crypto";
import { type AppTx, rateLimits } from "@rdlink/db";
import { lt, sql } from "drizzle-orm";
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
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const [row] = await tx
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
  if ((row?.count ?? 0) <= limit.max) return { allowed: true };
  const retryAfterMs = windowStart.getTime() + limit.windowMs - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Forgets windows that ended long ago (the worker calls it now and then). */
export async function purgeRateLimits(tx: AppTx, now: Date): Promise<void> {
  await tx.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 24 * 60 * 60_000)));
}

/**
 * The public intake's limits, counted in their own transaction before the submission
 * (so refused and failed attempts count too): per address, then per station.
 */
export async function assertWithinIntakeLimits(
  tx: AppTx,
  args: { secret: string; address: string; stationId: string; limits?: typeof INTAKE_LIMITS },
  now: Date,
): Promise<void> {
  const limits = args.limits ?? INTAKE_LIMITS;
  for (const [key, limit] of [
    [addressKey(args.secret, args.address), limits.perAddress],
    [`station:${args.stationId}`, limits.perStation],
  ] as const) {
    const outcome = await hitRateLimit(tx, key, limit, now);
    if (!outcome.allowed) throw new RateLimitedError(outcome.retryAfterSeconds);
  }
}
