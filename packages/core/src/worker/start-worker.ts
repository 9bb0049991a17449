import type { Database } from "@rdlink/db";
import { checkAuditChains } from "../audit/check-audit-chains";
import { type Clock, systemClock } from "../clock";
import { sweepOrphanFiles } from "../files/sweep-orphan-files";
import { purgeRateLimits } from "../intake/rate-limit";
import { eraseExpiredPersonalDataEverywhere } from "../privacy/erase-expired-everywhere";
import type { CitizenSmsChannel } from "../sms/tencent-sms-channel";
import { deleteDueCounties } from "../tenants/delete-due-counties";
import { deliverWebhooks } from "../webhooks/deliver-webhooks";
import { deliverOutbox } from "./deliver-outbox";
import { fireDueTimers } from "./fire-due-timers";
import { logAdapter, type OutboxAdapter } from "./outbox-adapters";
import { rollCalendarsForward } from "./roll-calendars-forward";

export type WorkerOptions = {
  /** How long to rest when nothing was due. Deadlines are rows, so no timer is ever longer than this. */
  pollMs?: number;
  clock?: Clock;
  adapter?: OutboxAdapter;
  /** The citizens' SMS (tencentSmsChannel); without it their messages go to `adapter`. */
  sms?: CitizenSmsChannel;
  log?: (line: string) => void;
  /** The uploaded photos' directory, swept hourly of files no row names (none: not swept). */
  filesDirectory?: string;
  /** COUNTY_SECRETS_KEY, which opens the webhooks' signing secrets (none: webhooks wait). */
  secretsKey?: Buffer;
};

export type RoundReport = {
  fired: number;
  stale: number;
  /** Timers whose firing threw, and of those, the ones given up (their cases are incidents now). */
  failed: number;
  gaveUp: number;
  /** Batches of timers fired again one by one in savepoints, after the database refused one's statement. */
  inSavepoints: number;
  delivered: number;
  retried: number;
  /** Webhook deliveries sent, to be tried again, and given up. */
  webhooks: { delivered: number; retried: number; failed: number };
  calendarsRolled: number;
  /** Cases whose citizen's name and phone passed their county's retention and were erased. */
  personalDataErased: number;
  /** Counties whose scheduled deletion came due and were erased (housekeeping). */
  countiesDeleted: number;
  /** The day's audit chain check, when this round ran it (housekeeping). */
  chains: Awaited<ReturnType<typeof checkAuditChains>> | null;
};

/** An error with its stack (and its cause's), so the log says where it happened. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? "" : `\ncaused by: ${describeError(error.cause)}`;
  return `${error.stack ?? String(error)}${cause}`;
}

/**
 * One round of the worker at `now`: fire the timers due, deliver the outbox, and, with
 * `housekeeping`, forget old rate-limit windows, roll the counties' calendars forward, erase the
 * citizens' personal data past their county's retention, erase the counties whose deletion is due
 * (and their photos in `filesDirectory`), on PGlite do autovacuum's work, and once a day walk every
 * audit chain.
 * Tests call it with the instant they want instead of waiting for the loop.
 */
export async function runWorkerRound(
  db: Database,
  now: Date,
  options: {
    adapter?: OutboxAdapter;
    sms?: CitizenSmsChannel;
    housekeeping?: boolean;
    log?: (line: string) => void;
    filesDirectory?: string;
    secretsKey?: Buffer;
  } = {},
): Promise<RoundReport> {
  const { housekeeping = true, log = () => {} } = options;
  const adapter = options.adapter ?? logAdapter(log);
  const timers = await fireDueTimers(db, { now, onError: (e) => log(`timer failed: ${describeError(e)}`) });
  const messages = await deliverOutbox(db, adapter, { now, sms: options.sms });
  const webhooks = options.secretsKey
    ? await deliverWebhooks(db, { now, secretsKey: options.secretsKey })
    : { delivered: 0, retried: 0, failed: 0 };
  let calendarsRolled = 0;
  let personalDataErased = 0;
  let countiesDeleted = 0;
  let chains = null;
  if (housekeeping) {
    await db.withoutTenant((tx) => purgeRateLimits(tx, now));
    calendarsRolled = await rollCalendarsForward(db, now);
    personalDataErased = await eraseExpiredPersonalDataEverywhere(db, now);
    const deleted = await deleteDueCounties(db, now, {
      filesDirectory: options.filesDirectory,
      onError: (error, tenantId) => log(`could not delete county ${tenantId}: ${describeError(error)}`),
    });
    countiesDeleted = deleted.length;
    for (const county of deleted) log(`deleted county ${county.name} (${county.rows} rows, ${county.files} files)`);
    await db.maintainEmbedded();
    const check = await checkAuditChains(db, now);
    if (check.ran) chains = check;
    for (const chain of check.broken)
      log(`audit chain broken: ${chain.tenantId ?? "platform"} from row ${chain.firstSeq} (${chain.rows} rows)`);
  }
  return {
    ...timers,
    delivered: messages.delivered,
    retried: messages.retried,
    webhooks,
    calendarsRolled,
    personalDataErased,
    countiesDeleted,
    chains,
  };
}

/**
 * The deadline and outbox loop. In the embedded default it runs inside the web process;
 * in production it is its own process (apps/worker), and several may run side by side.
 */
export function startWorker(db: Database, options: WorkerOptions = {}) {
  const { pollMs = 1000, clock = systemClock, log = () => {} } = options;
  const adapter = options.adapter ?? logAdapter(log);
  let running = true;
  let wake: (() => void) | undefined;
  let housekeptAt = Number.NEGATIVE_INFINITY;

  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        const now = clock.now();
        // Housekeeping once an hour is plenty: windows end after a day, years after a year.
        const housekeeping = now.getTime() - housekeptAt >= 3_600_000;
        const round = await runWorkerRound(db, now, {
          adapter,
          sms: options.sms,
          housekeeping,
          log,
          filesDirectory: options.filesDirectory,
          secretsKey: options.secretsKey,
        });
        if (housekeeping) housekeptAt = now.getTime();
        // After housekeptAt: a sweep that fails is one failed round, not one every poll.
        if (housekeeping && options.filesDirectory) await sweepOrphanFiles(db, options.filesDirectory, clock);
        busy = round.fired + round.stale + round.delivered + round.retried + round.webhooks.delivered > 0;
        if (busy)
          log(
            `fired ${round.fired} timers (${round.stale} stale, ${round.failed} failed, ${round.gaveUp} given up), delivered ${round.delivered} messages`,
          );
        if (round.calendarsRolled > 0) log(`gave ${round.calendarsRolled} counties their next calendar year`);
      } catch (error) {
        log(`worker round failed: ${describeError(error)}`);
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
