/**
 * How the worker retries what failed, the same for outbox messages and deadline timers:
 * 30 s after the first failure, then twice as long each time, and after MAX_ATTEMPTS
 * failures it gives up and flags the case as an incident for the county admin.
 */
export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;

/** When to try again after the `attempt`-th failure (1-based) at `now`. */
export function nextAttemptAfter(now: Date, attempt: number): Date {
  return new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempt - 1));
}

/** What is kept of an error on the row that failed. */
export function errorText(error: unknown): string {
  return String((error as Error)?.message ?? error).slice(0, 500);
}
