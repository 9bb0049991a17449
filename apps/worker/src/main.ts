/**
 * The deadline and outbox worker as a process of its own, for deployments on PostgreSQL
 * (set WORKER_MODE=external on the web processes). Several may run at once: timers are
 * claimed with FOR UPDATE SKIP LOCKED and fired exactly once.
 */
import { tencentSmsChannel } from "@rdlink/core/sms/tencent-sms-channel";
import { startWorker } from "@rdlink/core/worker/start-worker";
import { openConfiguredDatabase } from "@rdlink/db";
import { countySecretsKey, env, filesDirectory } from "@rdlink/env";

const { DATABASE_URL, WORKER_POLL_MS } = env();
if (!DATABASE_URL) {
  console.error(
    "The standalone worker needs PostgreSQL (DATABASE_URL). With the embedded database the worker runs inside the web process.",
  );
  process.exit(1);
}

const db = await openConfiguredDatabase();
// The photos' directory must be the web processes' (the same FILES_DIR) for the sweep to be right.
const worker = startWorker(db, {
  pollMs: WORKER_POLL_MS,
  filesDirectory: filesDirectory(),
  // The citizens' SMS, through each county's Tencent Cloud account (COUNTY_SECRETS_KEY opens its keys).
  sms: tencentSmsChannel({ secretsKey: countySecretsKey() }),
  // The webhooks' signing secrets are sealed with the same key.
  secretsKey: countySecretsKey(),
  log: (line) => console.log(`[worker] ${line}`),
});
console.log(`[worker] running, polling every ${WORKER_POLL_MS} ms`);

async function shutdown() {
  await worker.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
