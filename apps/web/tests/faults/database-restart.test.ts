/**
 * `pnpm test:faults`: the built app on a PostgreSQL cluster of its own, under a bounded load
 * of API and public-form submissions, while the cluster is restarted three times
 * (`pg_ctl -m fast restart`, which terminates every connection) and stopped for 10 s.
 *
 * The web process must stay up and keep answering; a request the database could not serve
 * is a 503, never a 500 or a hang; every submission answered 2xx exists afterwards; the
 * inline worker fires every timer that fell due during the faults exactly once; and the
 * photos on disk are exactly those the `files` table names.
 */

import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { createApiKey } from "@rdlink/core/api-keys/create-api-key";
import { ManualClock, systemClock } from "@rdlink/core/clock";
import { DEMO_COUNTY_CODE } from "@rdlink/core/demo/seed-demo";
import { incomingDirectoryOf } from "@rdlink/core/files/staged-files";
import { sweepOrphanFiles } from "@rdlink/core/files/sweep-orphan-files";
import { countyAdminOf } from "@rdlink/core/testing/actors";
import { solvedChallenge, TEST_INTAKE_SECRET } from "@rdlink/core/testing/proof-of-work";
import { openPostgres } from "@rdlink/db";
import { freePort } from "@rdlink/db/testing/free-port";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { ensureBuild, startBuiltApp } from "../../bench/built-app";
import { TINY_PNG } from "../e2e/ledger-support";
import { type Cluster, startCluster } from "./postgres-cluster";

const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, "../../../..");

/** Timers made due one by one across the faults. */
const TIMERS = 40;
/** Clients submitting, each resting PACE_MS between requests: a bounded load, several in flight. */
const CLIENTS = 4;
const PACE_MS = 200;
/** Every FORM_EVERY-th submission goes through the public form (each needs a solved puzzle). */
const FORM_EVERY = 3;
const PUZZLES = 240;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Outcome = { kind: "api" | "form"; status: number; trackingCode?: string; at: number; error?: string };

it("keeps serving through three fast restarts and a 10 s stop of its PostgreSQL, losing nothing", async () => {
  ensureBuild();
  const cluster: Cluster = await startCluster();
  cleanups.push(() => cluster.destroy());
  await run("psql", [
    ...["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "owner_password=owner", "-v", "app_password=app"],
    ...["-d", cluster.adminUrl, "-f", path.join(repositoryRoot, "infra/postgres/roles.sql")],
  ]);
  const at = (role: string) =>
    `postgres://${role}:${role === "rdlink_owner" ? "owner" : "app"}@127.0.0.1:${cluster.port}/rdlink`;
  const superuser = postgres(`postgres://postgres@127.0.0.1:${cluster.port}/rdlink`, { max: 1, onnotice: () => {} });
  cleanups.push(() => superuser.end({ timeout: 1 }));

  const dataDir = mkdtempSync(path.join(tmpdir(), "rdlink-fault-data-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startBuiltApp(
    base,
    {
      DATABASE_URL: at("rdlink_app"),
      MIGRATE_DATABASE_URL: at("rdlink_owner"),
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      SEED_DEMO: "true",
      WORKER_MODE: "inline",
      WORKER_POLL_MS: "200",
      INTAKE_SECRET: TEST_INTAKE_SECRET,
      // Production on PostgreSQL requires the key that seals the counties' SMS keys.
      COUNTY_SECRETS_KEY: randomBytes(32).toString("hex"),
    },
    { portKnob: "a free port", stderr: "inherit", without: ["FILES_DIR"] },
  );
  cleanups.push(app.stop);

  // ---- what the clients need: an API key, the demo county's stations, solved puzzles
  const [county] = await superuser<{ tenantId: string; adminId: string }[]>`
    select t.id as "tenantId", u.id as "adminId" from tenants t join users u on u.username = 'xxt-admin'
    where t.division_code = ${DEMO_COUNTY_CODE}`;
  const appDb = await openPostgres({ url: at("rdlink_app"), max: 1 });
  const { key } = await appDb.withTenant(county!.tenantId, (tx) =>
    createApiKey(
      tx,
      { actor: countyAdminOf(county!.tenantId, county!.adminId), ip: null, clock: systemClock },
      {
        name: "故障测试",
      },
    ),
  );
  await appDb.close();
  const stations = (
    await superuser<{ code: string }[]>`select code from stations where tenant_id = ${county!.tenantId}`
  ).map((station) => `${DEMO_COUNTY_CODE}-${station.code}`);
  expect(stations.length).toBeGreaterThan(10);
  // Shown 10 s ago, so the shortest fill time has passed; each is used once.
  const puzzles = await Promise.all(
    Array.from({ length: PUZZLES }, () => solvedChallenge(new Date(Date.now() - 10_000))),
  );

  // ---- timers: live ones (their case still in the timer's state), made due across the faults
  const start = Date.now();
  // One per case: firing one moves its case on, and would leave a second one stale.
  const timers = await superuser<{ id: string; tenantId: string }[]>`
    select distinct on (t.case_id) t.id, t.tenant_id as "tenantId" from case_timers t
    join cases c on c.tenant_id = t.tenant_id and c.id = t.case_id
    where c.state = t.state_id and c.state_entered_seq = t.entry_seq and t.due_at > now() + interval '1 hour'
    order by t.case_id, t.id limit ${TIMERS}`;
  expect(timers.length).toBe(TIMERS);
  for (const [i, timer] of timers.entries()) {
    await superuser`update case_timers set due_at = ${new Date(start + 2000 + i * 1000)}
      where tenant_id = ${timer.tenantId} and id = ${timer.id}`;
  }

  // ---- the load
  const outcomes: Outcome[] = [];
  let loading = true;
  let sent = 0;
  const submitByApi = async (n: number): Promise<Outcome> => {
    const response = await fetch(`${base}/api/v1/opinions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: JSON.stringify({
        stationCode: stations[n % stations.length],
        category: "transport",
        content: `故障测试第${n}条：村口道路坑洼积水，雨天出行困难。`,
      }),
    });
    const body = (await response.json()) as { trackingCode?: string };
    return { kind: "api", status: response.status, trackingCode: body.trackingCode, at: Date.now() };
  };
  const submitByForm = async (n: number, puzzle: string): Promise<Outcome> => {
    const form = new FormData();
    form.set("intakeKey", randomUUID());
    form.set("altcha", puzzle);
    form.set("website", "");
    form.set("category", "transport");
    form.set("content", `故障测试第${n}条：路灯坏了三个月，晚上出行很不方便。`);
    form.set("fields.location", "村口");
    // Every other one with a photo: files on disk must match the rows after the faults.
    if (n % (2 * FORM_EVERY) === 0) form.append("photos", new Blob([TINY_PNG], { type: "image/png" }), "路灯.png");
    const response = await fetch(`${base}/s/${stations[n % stations.length]}.data`, {
      method: "POST",
      body: form,
      // One client address per post, as the reverse proxy names it: the per-address limit holds.
      headers: { Origin: base, "X-Forwarded-For": `10.9.${(n >> 8) & 255}.${n & 255}` },
    });
    const text = await response.text();
    const trackingCode = /"trackingCode","([^"]+)"/.exec(text)?.[1];
    return { kind: "form", status: response.status, trackingCode, at: Date.now() };
  };
  const client = async () => {
    while (loading) {
      const n = sent++;
      const puzzle = n % FORM_EVERY === 0 ? puzzles.pop() : undefined;
      const kind = puzzle ? "form" : "api";
      try {
        outcomes.push(await (puzzle ? submitByForm(n, puzzle) : submitByApi(n)));
      } catch (error) {
        // No answer at all (a reset connection, a dead process) is a failure of its own kind.
        outcomes.push({ kind, status: 0, at: Date.now(), error: String(error) });
      }
      await sleep(PACE_MS);
    }
  };

  // The process answers its liveness check all along.
  const liveness: number[] = [];
  const watchLiveness = (async () => {
    while (loading) {
      liveness.push(
        await fetch(`${base}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      await sleep(250);
    }
  })();

  const clients = Array.from({ length: CLIENTS }, client);
  // ---- the faults
  const faults: { name: string; at: number }[] = [];
  const mark = (name: string) => faults.push({ name, at: Date.now() });
  await sleep(3000);
  for (let i = 1; i <= 3; i++) {
    mark(`restart ${i}`);
    await cluster.restart();
    await sleep(4000);
  }
  mark("stop");
  await cluster.stop();
  const readyWhileDown = await fetch(`${base}/readyz`).then((r) => r.status);
  // The outage itself lasts 10 s: this is the fault, not a wait for the product.
  await sleep(10_000);
  await cluster.start();
  mark("start");
  // Until the last timer is due, and a few seconds of load on the recovered database.
  await sleep(Math.max(8000, start + 2000 + TIMERS * 1000 + 1000 - Date.now()));
  loading = false;
  await Promise.all([...clients, watchLiveness]);

  // ---- the process never went down
  expect(app.server.exitCode).toBeNull();
  expect(liveness.length).toBeGreaterThan(50);
  expect(liveness.filter((status) => status !== 200)).toEqual([]);
  expect(readyWhileDown).toBe(503);
  expect(await fetch(`${base}/readyz`).then((r) => r.status)).toBe(200);

  // ---- every request answered 2xx or 503; some of each, and successes after the outage
  const summary = new Map<string, number>();
  for (const o of outcomes) summary.set(`${o.kind} ${o.status}`, (summary.get(`${o.kind} ${o.status}`) ?? 0) + 1);
  console.log(
    `[faults] ${outcomes.length} submissions (${puzzles.length} puzzles left): ${JSON.stringify(Object.fromEntries(summary))}`,
  );
  console.log(`[faults] ${faults.map((f) => `${f.name} at +${((f.at - start) / 1000).toFixed(1)} s`).join(", ")}`);
  const unexpected = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && o.status !== 503);
  expect(unexpected).toEqual([]);
  const succeeded = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  expect(succeeded.every((o) => o.trackingCode)).toBe(true);
  expect(outcomes.some((o) => o.status === 503)).toBe(true);
  const restartedAt = faults.find((f) => f.name === "start")!.at;
  for (const kind of ["api", "form"] as const) {
    expect(succeeded.some((o) => o.kind === kind && o.at > restartedAt)).toBe(true);
  }

  // ---- every 2xx submission is a case
  const codes = succeeded.map((o) => o.trackingCode!);
  const found = await superuser<
    { code: string }[]
  >`select tracking_code as code from cases where tracking_code in ${superuser(codes)}`;
  expect(new Set(found.map((row) => row.code))).toEqual(new Set(codes));

  // ---- every timer fired, each exactly once (the worker resumed by itself)
  const deadline = Date.now() + 60_000;
  let left = timers.length;
  while (left > 0 && Date.now() < deadline) {
    const [row] = await superuser<{ left: number }[]>`select count(*)::int as left from case_timers
      where id in ${superuser(timers.map((t) => t.id))}`;
    left = row!.left;
    if (left > 0) await sleep(500);
  }
  expect(left).toBe(0);
  const fired = await superuser<{ key: string; times: number }[]>`
    select idempotency_key as key, count(*)::int as times from case_events
    where idempotency_key in ${superuser(timers.map((t) => `timer:${t.id}`))} group by idempotency_key`;
  expect(fired.filter((row) => row.times !== 1)).toEqual([]);
  expect(fired.length).toBe(timers.length);

  // ---- the photos on disk are exactly the ones the files table names, once the worker's
  // sweep has settled those whose commit the outage left unknown (it runs hourly; here a day on)
  const filesDir = path.join(dataDir, "files");
  const sweeper = await openPostgres({ url: at("rdlink_app"), max: 1 });
  const sweep = await sweepOrphanFiles(sweeper, filesDir, new ManualClock(new Date(Date.now() + 25 * 3_600_000)));
  await sweeper.close();
  console.log(`[faults] sweep: ${JSON.stringify(sweep)}`);
  const rows = await superuser<{ name: string }[]>`select stored_name as name from files`;
  const onDisk = readdirSync(filesDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
  expect(onDisk.sort()).toEqual(rows.map((row) => row.name).sort());
  const incoming = incomingDirectoryOf(filesDir);
  expect(existsSync(incoming) ? readdirSync(incoming) : []).toEqual([]);
}, 600_000);
