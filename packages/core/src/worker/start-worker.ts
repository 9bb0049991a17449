import type { Database } from "@rdlink/db";
import { purgeRateLimits } from "../intake/rate-limit";
import { deliverOutbox } from "./deliver-outbox";
import { fireDueTimers } from "./fire-due-timers";
import { logAdapter, type OutboxAdapter } from "./outbox-adapters";

export type WorkerOptions = {
  /** How long to rest when nothing was due. Deadlines are rows, so no timer is ever longer than this. */
  pollMs?: number;
  clock?: () => Date;
  adapter?: OutboxAdapter;
  log?: (line: string) => void;
};

/**
 * The deadline and outbox loop. In the embedded default it runs inside the web process;
 * in production it is its own process (apps/worker), and several may run side by side.
 */
export function startWorker(db: Database, options: WorkerOptions = {}) {
  const { pollMs = 1000, clock = () => new Date(), log = () => {} } = options;
  const adapter = options.adapter ?? logAdapter(log);
  let running = true;
  let wake: (() => void) | undefined;
  let purgedAt = 0;

  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        const timers = await fireDueTimers(db, { now: clock(), onError: (e) => log(`timer failed: ${String(e)}`) });
        const messages = await deliverOutbox(db, adapter, { now: clock() });
        // Rate-limit windows of the public intake that ended long ago: once an hour is plenty.
        if (clock().getTime() - purgedAt > 3_600_000) {
          await db.withoutTenant((tx) => purgeRateLimits(tx, clock()));
          purgedAt = clock().getTime();
        }
        busy = timers.fired + timers.stale + messages.delivered + messages.retried > 0;
        if (busy)
          log(
            `fired ${timers.fired} timers (${timers.stale} stale, ${timers.failed} failed), delivered ${messages.delivered} messages`,
          );
      } catch (error) {
        log(`worker round failed: ${String(error)}`);
      }
      if (!busy && running)
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs);
        });
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
