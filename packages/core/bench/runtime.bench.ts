/**
 * Case-runtime benchmark on a real PostgreSQL, set against pgbench on the same server.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:runtime
 *
 * DATABASE_URL is an admin (superuser) connection, used only to make the roles, a fresh
 * `rdlink_bench_<random>` database owned by a non-superuser owner (which applies the
 * migrations) and pgbench's scratch database. The runtime itself logs in as a member of
 * app_user, exactly as the app does. Every phase is bounded in time; both databases are
 * dropped at the end, also on failure. The last line of stdout is one JSON object.
 *
 * Knobs (environment): BENCH_CASES (2000), BENCH_CLIENTS (16), BENCH_SECONDS (20),
 * BENCH_WARMUP_SECONDS (3), BENCH_RATE (200), BENCH_RATE_SECONDS (10), BENCH_TIMERS (5000),
 * BENCH_TIMER_WORKERS (4), BENCH_TIMER_MAX_SECONDS (180), BENCH_PGBENCH_SCALE (10),
 * BENCH_PGBENCH_SECONDS (20), BENCH_MAX_SECONDS (1200, a watchdog over the whole run),
 * BENCH_COUNTIES (16: the second closed loop spreads the same cases over that many counties),
 * BENCH_THREADS (1: the closed loops run in this thread; more deal their clients to that many
 * worker threads, each with its own pool, as the deployment runs one app process per core. On two
 * cores shared with PostgreSQL a second one added no throughput: docs/benchmarks/runtime.md),
 * BENCH_COST_CASES (40: cases driven start to close one at a time, for the step's cost, and as many
 * more whose first deadlines are fired in one batch, for a firing's),
 * BENCH_GUARD (1: exit 1 when a step or a deadline's firing costs more statements or WAL records,
 * or a step more round trips, than packages/core's README records — the CI guard; the figures compared do not depend on the machine's load).
 *
 * On a Citus coordinator (DATABASE_URL naming one, or BENCH_CITUS_URL beside a PostgreSQL) the
 * scratch database is made on every node and distributed by county. With BENCH_CITUS_URL the
 * same benchmark runs on both, one after the other, and the last line is
 * `{"postgres": {...}, "citus": {...}}`: the cost of distribution side by side.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Actor } from "@rdlink/auth";
import { cases, caseTimers, type Database, handlingUnits, openPostgres, selectRows, townships } from "@rdlink/db";
import { createScratchDatabase, psql } from "@rdlink/db/testing/scratch-database";
import { socketWritesDuring } from "@rdlink/db/testing/socket-writes";
import { childEnvironment, flagKnob, intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { and, count, eq, lte, sql } from "drizzle-orm";
import { actOnCase } from "../src/cases/act-on-case";
import { startCase } from "../src/cases/start-case";
import { systemClock } from "../src/clock";
import { listCities, listCounties, listProvinces, listTownshipDivisions } from "../src/divisions/divisions";
import type { UseCaseContext } from "../src/shared/context";
import { onboardCounty } from "../src/tenants/onboard-county";
import { createOperator, memberOf, responderOf } from "../src/testing/actors";
import { fireDueTimers } from "../src/worker/fire-due-timers";

const run = promisify(execFile);

const OWNER_ROLE = "rdlink_bench_owner";
const APP_ROLE = "rdlink_bench_app";
const DAY_MS = 86_400_000;

const readBenchKnobs = () =>
  readKnobs({
    adminUrl: textKnob("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    cases: intKnob("BENCH_CASES", 2000),
    clients: intKnob("BENCH_CLIENTS", 16),
    seconds: intKnob("BENCH_SECONDS", 20),
    warmupSeconds: intKnob("BENCH_WARMUP_SECONDS", 3, 0),
    rate: intKnob("BENCH_RATE", 200),
    rateSeconds: intKnob("BENCH_RATE_SECONDS", 10),
    timers: intKnob("BENCH_TIMERS", 5000),
    timerWorkers: intKnob("BENCH_TIMER_WORKERS", 4),
    timerMaxSeconds: intKnob("BENCH_TIMER_MAX_SECONDS", 180),
    pgbenchScale: intKnob("BENCH_PGBENCH_SCALE", 10),
    pgbenchSeconds: intKnob("BENCH_PGBENCH_SECONDS", 20),
    maxSeconds: intKnob("BENCH_MAX_SECONDS", 1200),
    /** A Citus coordinator (infra/citus) to run the same benchmark on after DATABASE_URL's server. */
    citusUrl: textKnob("BENCH_CITUS_URL", ""),
    /** Counties the second closed loop spreads its cases over (one county in the first). */
    counties: intKnob("BENCH_COUNTIES", 16),
    /** Worker threads the closed loops run in (each a V8 isolate with its own event loop and pool). */
    threads: intKnob("BENCH_THREADS", 1),
    /** Cases driven from start to close, one at a time, for the step's cost (statements, WAL). */
    costCases: intKnob("BENCH_COST_CASES", 40),
    /** 1: fail when a step costs more statements or WAL records than the README records (CI). */
    guard: flagKnob("BENCH_GUARD"),
    /** A phase to write a V8 CPU profile of (`closed`: the one-county closed loop; `drain`), into BENCH_PROFILE_DIR. */
    profile: textKnob("BENCH_PROFILE", ""),
    profileDir: textKnob("BENCH_PROFILE_DIR", tmpdir()),
  });
type Knobs = ReturnType<typeof readBenchKnobs>;

/**
 * Runs `work`, and when BENCH_PROFILE names `phase`, writes a V8 CPU profile of this thread while it
 * ran (open it in Chrome's DevTools, or read its self time by function).
 */
async function profiled<T>(k: Knobs, phase: string, work: () => Promise<T>): Promise<T> {
  if (k.profile !== phase) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    const file = join(k.profileDir, `runtime-${phase}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile of the ${phase} phase: ${file}`);
    session.disconnect();
  }
}

// ---------------------------------------------------------------------------------------
// Cleanup: everything created registers how to undo itself, run in reverse order.

const cleanups: { label: string; undo: () => Promise<void> }[] = [];

/** Registers an undo step; calling the returned function runs it early (once). */
function defer(label: string, undo: () => Promise<void>): () => Promise<void> {
  const entry = { label, undo };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index < 0) return;
    cleanups.splice(index, 1);
    await undo();
  };
}

async function runCleanups() {
  while (cleanups.length > 0) {
    const { label, undo } = cleanups.pop()!;
    try {
      await undo();
    } catch (error) {
      console.error(`cleanup "${label}" failed: ${(error as Error).message}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Admin work through psql / pgbench (this package has no PostgreSQL driver of its own).

type Server = { host: string; port: string; user: string; password: string };

function serverOf(adminUrl: string): Server {
  const u = new URL(adminUrl);
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw new Error("DATABASE_URL is not a postgres URL");
  if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost")
    throw new Error(`The benchmark only connects to this machine, not ${u.hostname}`);
  return {
    // libpq's `?host=/dir` names the server's Unix socket: pgbench then connects through it too.
    host: u.searchParams.get("host") ?? u.hostname,
    port: u.port || "5432",
    user: decodeURIComponent(u.username) || "postgres",
    password: decodeURIComponent(u.password),
  };
}

async function pgbench(server: Server, args: string[], timeoutMs: number) {
  const connection = ["-h", server.host, "-p", server.port, "-U", server.user];
  const env = childEnvironment(server.password ? { PGPASSWORD: server.password } : {});
  try {
    return await run("pgbench", [...connection, ...args], {
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`pgbench ${args.join(" ")} failed: ${e.message}\n${e.stderr ?? ""}`);
  }
}

// ---------------------------------------------------------------------------------------
// Measurement helpers.

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

type Summary = { n: number; p50: number; p90: number; p99: number; max: number; mean: number };

function summarise(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    mean: samples.length > 0 ? sum / samples.length : Number.NaN,
  };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : "n/a");
const round = (value: number, digits: number) => Number(value.toFixed(digits));
const line = (s: Summary) =>
  `n=${s.n}  p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  mean ${ms(s.mean)}`;

/**
 * CPU time in ms, from /proc (Linux; null elsewhere): the whole machine, this node process,
 * the PostgreSQL backends serving `database`, every other postgres process, and pgbench.
 * Other load on the machine (a test run next door) shows up as "other processes".
 */
type CpuSample = {
  at: number;
  node: number;
  machine: number | null;
  backends: Map<number, number>;
  postgres: number;
  pgbench: number;
};

const TICK_MS = 10; // USER_HZ is 100 on Linux

function procTicks(pid: number | string): { comm: string; ms: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return { comm, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

async function sampleCpu(adminUrl: string, database: string): Promise<CpuSample> {
  const pids = new Set(
    (await psql(adminUrl, [`select pid from pg_stat_activity where datname = '${database}'`]).catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map(Number),
  );
  const usage = process.cpuUsage();
  const sample: CpuSample = {
    at: performance.now(),
    node: (usage.user + usage.system) / 1000,
    machine: null,
    backends: new Map(),
    postgres: 0,
    pgbench: 0,
  };
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    sample.machine = (fields.slice(0, 8).reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!) * TICK_MS;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const proc = procTicks(entry);
      if (!proc) continue;
      if (proc.comm === "postgres") {
        if (pids.has(Number(entry))) sample.backends.set(Number(entry), proc.ms);
        else sample.postgres += proc.ms;
      } else if (proc.comm === "pgbench") sample.pgbench += proc.ms;
    }
  } catch {
    sample.machine = null;
  }
  return sample;
}

/** CPU ms between two samples of this process and of the database's backends (null without /proc). */
function cpuSplit(from: CpuSample, to: CpuSample) {
  const node = to.node - from.node;
  if (from.machine === null || to.machine === null) return { node, backends: null };
  let backends = 0;
  for (const [pid, cpu] of to.backends) backends += cpu - (from.backends.get(pid) ?? 0);
  return { node, backends };
}

function cpuReport(from: CpuSample, to: CpuSample, operations: number) {
  const wall = to.at - from.at;
  const share = (cpu: number) => `${((100 * cpu) / wall).toFixed(0)} % of a core, ${fmtUs(cpu, operations)}`;
  const { node, backends } = cpuSplit(from, to);
  if (backends === null || from.machine === null || to.machine === null) return [`CPU: node ${share(node)}`];
  // Backends that served the database only in the second sample still count as other postgres before it.
  let postgres = to.postgres - from.postgres;
  for (const [pid, cpu] of from.backends) if (!to.backends.has(pid)) postgres -= cpu;
  postgres = Math.max(0, postgres);
  const pgbench = to.pgbench - from.pgbench;
  const machine = to.machine - from.machine;
  const other = Math.max(0, machine - node - backends - postgres - pgbench);
  const cores = availableParallelism();
  return [
    `CPU over ${(wall / 1000).toFixed(1)} s: machine ${((100 * machine) / (wall * cores)).toFixed(0)} % of ${cores} cores busy`,
    `  node (runtime + driver)        ${share(node)}`,
    `  postgres backends of this db   ${share(backends)}`,
    `  other postgres processes       ${share(postgres)}`,
    ...(pgbench > 0 ? [`  pgbench client                 ${share(pgbench)}`] : []),
    `  other processes on the machine ${((100 * other) / wall).toFixed(0)} % of a core`,
  ];
}

function fmtUs(cpuMs: number, operations: number) {
  return operations > 0 ? `${((1000 * cpuMs) / operations).toFixed(0)} µs CPU per operation` : "no operations";
}

type WalSample = { records: number; bytes: number; syncs: number } | null;

async function sampleWal(adminUrl: string): Promise<WalSample> {
  try {
    const out = await psql(adminUrl, ["select wal_records, wal_bytes, wal_sync from pg_stat_wal"]);
    const [records, bytes, syncs] = out.split("|").map(Number);
    return { records: records!, bytes: bytes!, syncs: syncs! };
  } catch {
    return null;
  }
}

function walReport(from: WalSample, to: WalSample, operations: number, seconds: number) {
  if (!from || !to || operations === 0) return [];
  return [
    `WAL ${((to.bytes - from.bytes) / operations).toFixed(0)} bytes and ${((to.records - from.records) / operations).toFixed(1)} records per operation; ` +
      `${((to.syncs - from.syncs) / seconds).toFixed(0)} WAL fsyncs/s (${((to.syncs - from.syncs) / operations).toFixed(2)} per operation)`,
  ];
}

// ---------------------------------------------------------------------------------------
// The workload: citizenOpinion cases driven to `closed`, then replaced by new ones.

/** A case a client steps, in its county (`rt`). */
type Slot = { id: string; seq: number; state: string; rt: Runtime };
type Who = "liaison" | "admin" | "responder";

const NEXT_STEP: Record<string, { who: Who; event: string; data: Record<string, unknown> }> = {
  registered: { who: "liaison", event: "SUBMIT_REVIEW", data: { summary: "路灯" } },
  stationReview: { who: "liaison", event: "HAND_OVER", data: { issueScope: "individual" } },
  assignment: { who: "admin", event: "ASSIGN", data: {} }, // the unit is the bench county's (see act)
  acceptance: { who: "responder", event: "ACCEPT", data: {} },
  handling: { who: "responder", event: "REPLY", data: { replyContent: "已修复" } },
  supervised: { who: "responder", event: "REPLY", data: { replyContent: "已修复" } },
  replied: { who: "liaison", event: "RATE", data: { satisfaction: "satisfied" } },
};

type Runtime = {
  db: Database;
  tenantId: string;
  townshipId: string;
  unitId: string;
  as: Record<Who, UseCaseContext>;
};

type Tally = { transitions: number[]; starts: number[]; errors: number };

const newTally = (): Tally => ({ transitions: [], starts: [], errors: 0 });

let reportedErrors = 0;
function noteError(tally: Tally, what: string, error: unknown) {
  tally.errors++;
  if (reportedErrors++ >= 5) return;
  // Drizzle wraps the driver's error: the cause carries PostgreSQL's message and SQLSTATE.
  const e = error as Error & { cause?: { message?: string; code?: string } };
  const first = (e.message ?? String(error)).split("\n")[0];
  const cause = e.cause?.message ? ` ← ${e.cause.message}${e.cause.code ? ` (SQLSTATE ${e.cause.code})` : ""}` : "";
  console.error(`  ! ${what}: ${first}${cause}`);
}

async function startOne(rt: Runtime, now?: Date): Promise<Slot> {
  const started = await rt.db.withTenant(rt.tenantId, (tx) =>
    startCase(
      tx,
      rt.as.liaison,
      { workflowKey: "citizenOpinion", data: { content: "村道路灯不亮" }, townshipId: rt.townshipId },
      now,
    ),
  );
  return { id: started.caseId, seq: started.seq, state: started.state, rt };
}

/** Starts `total` cases, `perTx` to a transaction, on `lanes` connections at once. */
async function startMany(rt: Runtime, total: number, lanes: number, perTx = 25): Promise<Slot[]> {
  const slots: Slot[] = [];
  let remaining = total;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (remaining > 0) {
        const take = Math.min(perTx, remaining);
        remaining -= take;
        const batch = await rt.db.withTenant(rt.tenantId, async (tx) => {
          const out: Slot[] = [];
          for (let i = 0; i < take; i++) {
            const started = await startCase(tx, rt.as.liaison, {
              workflowKey: "citizenOpinion",
              data: { content: "村道路灯不亮" },
              townshipId: rt.townshipId,
            });
            out.push({ id: started.caseId, seq: started.seq, state: started.state, rt });
          }
          return out;
        });
        slots.push(...batch);
      }
    }),
  );
  return slots;
}

/** Re-reads a case after a failed step, so the client goes on from what is stored. */
async function resync(slot: Slot) {
  const { rt } = slot;
  const [row] = await rt.db.withTenant(rt.tenantId, (tx) =>
    tx
      .select({ seq: cases.seq, state: cases.state })
      .from(cases)
      .where(and(eq(cases.tenantId, rt.tenantId), eq(cases.id, slot.id))),
  );
  if (row) Object.assign(slot, row);
}

/**
 * One step of the case in `slots[index]`: its next transition, timed; a closed case is
 * replaced by a new one first (the start is timed separately, never as a transition).
 */
async function advance(slots: Slot[], index: number, tally: Tally | null) {
  let slot = slots[index]!;
  const { rt } = slot;
  if (!NEXT_STEP[slot.state]) {
    const begin = performance.now();
    try {
      slot = await startOne(rt);
      slots[index] = slot;
      tally?.starts.push(performance.now() - begin);
    } catch (error) {
      if (tally) noteError(tally, "startCase", error);
      return;
    }
  }
  const step = NEXT_STEP[slot.state]!;
  const begin = performance.now();
  try {
    // As the case page's action runs a step: nothing follows it in its transaction (decision 0046).
    const result = await rt.db.withTenant(
      rt.tenantId,
      (tx) =>
        actOnCase(tx, rt.as[step.who], {
          caseId: slot.id,
          event: step.event,
          data: step.event === "ASSIGN" ? { handlingUnit: rt.unitId } : step.data,
          expectedSeq: slot.seq,
        }),
      { endsWithLastStatement: true },
    );
    tally?.transitions.push(performance.now() - begin);
    slot.seq = result.seq;
    slot.state = result.state;
  } catch (error) {
    if (tally) noteError(tally, `${step.event} on ${slot.state}`, error);
    await resync(slot).catch(() => {});
  }
}

/** Closed loop: every client steps through its own cases, round robin, until `until`. */
async function closedLoop(partitions: Slot[][], until: number, tally: Tally | null) {
  await Promise.all(
    partitions.map(async (slots) => {
      let next = 0;
      while (performance.now() < until) {
        await advance(slots, next, tally);
        next = (next + 1) % slots.length;
      }
    }),
  );
}

/** A case as it crosses to a loop thread and back: its county by index. */
type SlotData = { id: string; seq: number; state: string; county: number };
/** A loop thread's work: its share of the clients (lanes), their counties, the app's login. */
type LoopJob = { appUrl: string; counties: CountyIds[]; lanes: SlotData[][]; warmupSeconds: number };
type LoopReport = { tally: Tally; lanes: SlotData[][] };

/** Lanes of slots as they cross between threads: each case's county as its index in `counties`. */
function slotData(lanes: Slot[][], counties: CountyIds[]): SlotData[][] {
  const countyOf = new Map(counties.map((county, i) => [county.tenantId, i]));
  return lanes.map((lane) =>
    lane.map(({ id, seq, state, rt }) => ({ id, seq, state, county: countyOf.get(rt.tenantId)! })),
  );
}

/**
 * The closed loop as the deployment runs it, one app process per core: the lanes are dealt to
 * `threads` worker threads, each with its own V8 isolate, event loop and pool (with one thread,
 * the loop runs here). Each warms up; then all run `seconds` between two CPU samples of this
 * process, which count every thread. The slots come back with their cases' states.
 */
async function closedLoopOnThreads(
  k: Knobs,
  run: { appUrl: string; database: string; counties: Runtime[]; partitions: Slot[][] },
) {
  const { counties, partitions } = run;
  const tally = newTally();
  if (k.threads <= 1) {
    if (k.warmupSeconds > 0) await closedLoop(partitions, performance.now() + k.warmupSeconds * 1000, null);
    const cpuBefore = await sampleCpu(k.adminUrl, run.database);
    await closedLoop(partitions, cpuBefore.at + k.seconds * 1000, tally);
    return { tally, cpuBefore, cpuAfter: await sampleCpu(k.adminUrl, run.database) };
  }
  const shares = Array.from({ length: Math.min(k.threads, partitions.length) }, (_, thread) =>
    partitions.filter((_, lane) => lane % k.threads === thread),
  );
  const threads = shares.map((lanes) => {
    const job: LoopJob = {
      appUrl: run.appUrl,
      counties: counties.map(({ tenantId, townshipId, unitId }) => ({ tenantId, townshipId, unitId })),
      lanes: slotData(lanes, counties),
      warmupSeconds: k.warmupSeconds,
    };
    const worker = new Worker(LOOP_THREAD_ENTRY, { eval: true, workerData: job });
    return { worker, exited: once(worker, "exit") };
  });
  await Promise.all(threads.map(({ worker }) => once(worker, "message"))); // warmed up
  const cpuBefore = await sampleCpu(k.adminUrl, run.database);
  for (const { worker } of threads) worker.postMessage({ seconds: k.seconds });
  const reports = await Promise.all(threads.map(({ worker }) => once(worker, "message") as Promise<[LoopReport]>));
  // Sampled while the threads' connections are still open: a backend that has exited has no CPU to read.
  const cpuAfter = await sampleCpu(k.adminUrl, run.database);
  for (const { worker } of threads) worker.postMessage("close");
  await Promise.all(threads.map(({ exited }) => exited));
  reports.forEach(([report], thread) => {
    tally.transitions.push(...report.tally.transitions);
    tally.starts.push(...report.tally.starts);
    tally.errors += report.tally.errors;
    report.lanes.forEach((lane, l) => {
      const slots = shares[thread]![l]!;
      lane.forEach(({ county, ...slot }, i) => {
        slots[i] = { ...slot, rt: counties[county]! };
      });
    });
  });
  return { tally, cpuBefore, cpuAfter };
}

/**
 * A loop thread's start: this file, through tsx's loader (a worker thread inherits neither tsx's
 * CLI nor, on Node 20, an `--import` of it, so it registers the loader itself).
 */
const LOOP_THREAD_ENTRY = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;

/**
 * A loop thread (closedLoopOnThreads): warms up, says so, runs the seconds it is told, reports,
 * and closes its pool when told (after the CPU sample that reads its backends).
 */
async function loopThread(job: LoopJob) {
  const port = parentPort!;
  const db = await openPostgres({ url: job.appUrl, max: job.lanes.length + 1 });
  try {
    const counties = job.counties.map((ids) => runtimeOf(db, ids));
    const lanes = job.lanes.map((lane) => lane.map(({ county, ...slot }) => ({ ...slot, rt: counties[county]! })));
    if (job.warmupSeconds > 0) await closedLoop(lanes, performance.now() + job.warmupSeconds * 1000, null);
    port.postMessage("warmed up");
    const [{ seconds }] = (await once(port, "message")) as [{ seconds: number }];
    const tally = newTally();
    await closedLoop(lanes, performance.now() + seconds * 1000, tally);
    port.postMessage({ tally, lanes: slotData(lanes, job.counties) } satisfies LoopReport);
    await once(port, "message");
  } finally {
    await db.close();
  }
}

/**
 * Open loop: request k is due at start + k/rate, whether or not earlier ones are done, and
 * goes to an idle client (else to the one with the shortest queue), which steps the next of
 * its own cases. Latency counts from the request's scheduled time, so queueing and a late
 * dispatch count too; `service` is the transaction's own wall time.
 */
async function openLoop(partitions: Slot[][], rate: number, seconds: number) {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latency: number[] = [];
  const tally = newTally();
  const lanes = partitions.map((slots) => ({ slots, next: 0, queue: [] as number[], busy: false }));
  const idle: Promise<void>[] = [];
  const start = performance.now() + 5;
  let lastDone = start;

  const pump = async (lane: (typeof lanes)[number]) => {
    lane.busy = true;
    while (lane.queue.length > 0) {
      const scheduled = lane.queue.shift()!;
      const before = tally.transitions.length;
      await advance(lane.slots, lane.next, tally);
      lane.next = (lane.next + 1) % lane.slots.length;
      lastDone = performance.now();
      if (tally.transitions.length > before) latency.push(lastDone - scheduled);
    }
    lane.busy = false;
  };

  let dispatched = 0;
  while (dispatched < total) {
    const now = performance.now();
    while (dispatched < total && start + dispatched * interval <= now) {
      let lane = lanes[dispatched % lanes.length]!;
      for (let i = 0; i < lanes.length && lane.busy; i++) {
        const candidate = lanes[(dispatched + i) % lanes.length]!;
        if (!candidate.busy || candidate.queue.length < lane.queue.length) lane = candidate;
      }
      lane.queue.push(start + dispatched * interval);
      if (!lane.busy) idle.push(pump(lane));
      dispatched++;
    }
    const wait = start + dispatched * interval - performance.now();
    await sleep(Math.max(0, wait));
  }
  // Bounded drain: the last requests get at most 30 s.
  await Promise.race([Promise.all(idle), sleep(30_000)]);
  const stuck = lanes.reduce((n, lane) => n + lane.queue.length + (lane.busy ? 1 : 0), 0);
  return {
    latency: summarise(latency),
    service: summarise(tally.transitions),
    achieved: latency.length / ((lastDone - start) / 1000),
    tally,
    stuck,
  };
}

async function countDueTimers(rt: Runtime, at: Date) {
  const [row] = await rt.db.withTenant(rt.tenantId, (tx) =>
    tx
      .select({ n: count() })
      .from(caseTimers)
      .where(and(eq(caseTimers.tenantId, rt.tenantId), lte(caseTimers.dueAt, at))),
  );
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------
// Counties and how the cases are dealt to the clients.

/** The first `n` counties (in code order) that have townships. */
function benchCounties(n: number): string[] {
  const codes: string[] = [];
  for (const province of listProvinces())
    for (const city of listCities(province.code))
      for (const county of listCounties(city.code)) {
        if (listTownshipDivisions(county.code).length > 0) codes.push(county.code);
        if (codes.length === n) return codes;
      }
  throw new Error(`only ${codes.length} counties with townships`);
}

/** A county onboarded through the real use case, with a handling unit and the three who step its cases. */
async function onboardBenchCounty(
  db: Database,
  operator: UseCaseContext,
  divisionCode: string,
  index: number,
): Promise<Runtime> {
  const { tenantId } = await onboardCounty(db, operator, {
    divisionCode,
    adminUsername: `bench-admin-${index}`,
    adminDisplayName: "管理员",
  });
  const { townshipId, unitId } = await db.withTenant(tenantId, async (tx) => {
    const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
    const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
    return { townshipId: township!.id, unitId: unit!.id };
  });
  return runtimeOf(db, { tenantId, townshipId, unitId });
}

/** What identifies a bench county: enough for a loop thread to step its cases on its own pool. */
type CountyIds = { tenantId: string; townshipId: string; unitId: string };

/** A county's runtime on `db`: its ids and the three who step its cases. */
function runtimeOf(db: Database, { tenantId, townshipId, unitId }: CountyIds): Runtime {
  const as = (actor: Actor) => ({ actor, ip: "10.0.0.1", clock: systemClock });
  return {
    db,
    tenantId,
    townshipId,
    unitId,
    as: {
      liaison: as(memberOf(tenantId, "station_liaison", [townshipId])),
      admin: as(memberOf(tenantId, "county_admin")),
      responder: as(responderOf(tenantId, unitId)),
    },
  };
}

/** The i-th of `parts` near-equal shares of `total`. */
const shareOf = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);

/**
 * Deals the slots to `clients` lanes, round robin. With `counties`, slots are dealt county by
 * county in turn, so every lane holds cases of several counties and consecutive steps differ.
 */
function partition(slots: Slot[], clients: number, counties = 1): Slot[][] {
  const byCounty = new Map<string, Slot[]>();
  for (const slot of slots) byCounty.set(slot.rt.tenantId, [...(byCounty.get(slot.rt.tenantId) ?? []), slot]);
  const queues = [...byCounty.values()];
  const interleaved: Slot[] = [];
  for (let i = 0; interleaved.length < slots.length; i++)
    for (const queue of queues) if (queue[i]) interleaved.push(queue[i]!);
  const lanes: Slot[][] = Array.from({ length: clients }, () => []);
  interleaved.forEach((slot, i) => {
    lanes[i % clients]!.push(slot);
  });
  if (lanes.some((p) => p.length === 0)) throw new Error("BENCH_CASES must be at least BENCH_CLIENTS");
  if (counties > 1 && byCounty.size !== counties) throw new Error(`cases in ${byCounty.size} of ${counties} counties`);
  return lanes;
}

// ---------------------------------------------------------------------------------------
// The step's cost: cases driven start to close one at a time, every statement counted, the
// WAL they wrote read back record by record (pg_walinspect), CPU from /proc. With one client
// nothing else runs, so the counts are the step's own and do not depend on the machine's load.

/** Statements the step-cost phase's pool sent (postgres.js `debug`). */
let statementsSent = 0;
const countStatement = () => {
  statementsSent++;
};

type StepCost = {
  statementsPerStep: number;
  roundTripsPerStep: number;
  statementsPerStart: number;
  walRecordsPerStep: number | null;
  walBytesPerStep: number | null;
  walRecordsPerStart: number | null;
  walByManager: string | null;
  nodeMsPerStep: number;
  pgMsPerStep: number | null;
  /** A deadline's firing (`fireDueTimers`, one batch): statements and WAL records per fire. */
  statementsPerFire: number;
  walRecordsPerFire: number | null;
  walByManagerPerFire: string | null;
};

/** The step cost packages/core/README.md records, which the guard compares with. */
const RECORDED_COST =
  /\*\*Recorded step cost\*\*[^:]*: ([\d.]+) statements, ([\d.]+) round trips and ([\d.]+) WAL records per step; ([\d.]+) ms Node CPU and ([\d.]+) ms PostgreSQL CPU/;

/** The same for a deadline's firing. */
const RECORDED_FIRE_COST = /\*\*Recorded firing cost\*\*[^:]*: ([\d.]+) statements and ([\d.]+) WAL records per fire/;

function recordedStepCost() {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const match = RECORDED_COST.exec(readme);
  const fire = RECORDED_FIRE_COST.exec(readme);
  if (!match || !fire)
    throw new Error(
      "packages/core/README.md records no step or firing cost (**Recorded step cost** …, **Recorded firing cost** …)",
    );
  const [statements, roundTrips, walRecords, nodeMs, pgMs] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [fireStatements, fireWalRecords] = fire.slice(1).map(Number) as [number, number];
  return { statements, roundTrips, walRecords, nodeMs, pgMs, fireStatements, fireWalRecords };
}

/** A margin for WAL records only: index page splits vary a little with the random case ids. */
const WAL_RECORDS_MARGIN = 0.05;

async function walLsn(adminUrl: string) {
  return psql(adminUrl, ["select pg_current_wal_flush_lsn()"]);
}

/**
 * The WAL records between two LSNs that touch this database's relations, by resource manager, plus
 * `commits` commit records (which name no relation). The server's WAL is shared: another database's
 * records, checkpoints and running-xacts snapshots are left out.
 */
async function walBetween(adminUrl: string, database: string, from: string, to: string, commits: number) {
  const out = await psql(
    adminUrl,
    [
      `select resource_manager, count(*), sum(record_length) from pg_get_wal_records_info('${from}', '${to}')
       where block_ref ~ (' rel \\d+/' || (select oid from pg_database where datname = current_database()) || '/')
       group by 1 order by 2 desc`,
    ],
    { database },
  );
  const rows = out
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("|"))
    .map(([manager, records, bytes]) => ({ manager: manager!, records: Number(records), bytes: Number(bytes) }));
  rows.push({ manager: "Transaction (commits)", records: commits, bytes: 0 });
  return {
    records: rows.reduce((n, r) => n + r.records, 0),
    bytes: rows.reduce((n, r) => n + r.bytes, 0),
    byManager: rows,
  };
}

async function measureStepCost(k: Knobs, county: Runtime, database: string, appUrl: string): Promise<StepCost> {
  // A pool of its own that counts the statements it sends: postgres.js's `debug` hook, which makes
  // every query capture a stack trace, a cost the closed loop's pool (and the app's) does not pay.
  const countingDb = await openPostgres({ url: appUrl, max: 2, onStatement: countStatement });
  try {
    return await measureStepCostOn(k, { ...county, db: countingDb }, database);
  } finally {
    await countingDb.close();
  }
}

async function measureStepCostOn(k: Knobs, rt: Runtime, database: string): Promise<StepCost> {
  const inspect = await psql(k.adminUrl, ["create extension if not exists pg_walinspect"], { database }).then(
    () => true,
    (error: Error) => {
      console.log(`(no WAL record counts: ${error.message.split("\n")[0]})`);
      return false;
    },
  );
  // Warm: the version and the calendar cached, every statement prepared once.
  for (const slot of await startMany(rt, 3, 1, 1)) while (NEXT_STEP[slot.state]) await advance([slot], 0, null);

  const tally = newTally();
  const lsn0 = inspect ? await walLsn(k.adminUrl) : "";
  let sent = statementsSent;
  const slots: Slot[] = [];
  for (let i = 0; i < k.costCases; i++) slots.push(await startOne(rt));
  const startStatements = statementsSent - sent;
  const lsn1 = inspect ? await walLsn(k.adminUrl) : "";
  sent = statementsSent;
  const cpuBefore = await sampleCpu(k.adminUrl, database);
  // Its socket writes are its round trips (socketWritesDuring): psql, which reads the CPU and WAL, is a child.
  const stepWrites = await socketWritesDuring(async () => {
    for (const slot of slots) while (NEXT_STEP[slot.state]) await advance([slot], 0, tally);
  });
  const cpuAfter = await sampleCpu(k.adminUrl, database);
  const stepStatements = statementsSent - sent; // sampleCpu and walLsn read through psql, not the pool
  const lsn2 = inspect ? await walLsn(k.adminUrl) : "";
  const steps = tally.transitions.length;
  if (tally.errors > 0 || steps !== slots.length * 6)
    throw new Error(`step cost: ${steps} steps, ${tally.errors} errors`);
  const starts = inspect ? await walBetween(k.adminUrl, database, lsn0, lsn1, slots.length) : null;
  const stepWal = inspect ? await walBetween(k.adminUrl, database, lsn1, lsn2, steps) : null;
  const cpu = cpuSplit(cpuBefore, cpuAfter);
  const fire = await measureFireCost(k, rt, database, inspect);
  const cost: StepCost = {
    statementsPerStep: statementsPerOp(stepStatements, steps),
    roundTripsPerStep: statementsPerOp(stepWrites, steps),
    statementsPerStart: statementsPerOp(startStatements, slots.length),
    walRecordsPerStep: stepWal ? stepWal.records / steps : null,
    walBytesPerStep: stepWal ? stepWal.bytes / steps : null,
    walRecordsPerStart: starts ? starts.records / slots.length : null,
    walByManager: stepWal
      ? stepWal.byManager.map((r) => `${r.manager} ${(r.records / steps).toFixed(1)}`).join(", ")
      : null,
    nodeMsPerStep: cpu.node / steps,
    pgMsPerStep: cpu.backends === null ? null : cpu.backends / steps,
    ...fire,
  };
  const recorded = recordedStepCost();
  const fixed = (n: number | null, digits = 2) => (n === null ? "n/a" : n.toFixed(digits));
  console.log(`\n## Step cost: ${slots.length} cases started and driven to closed one at a time (${steps} steps)`);
  console.log(`${"".padEnd(28)} ${"this run".padStart(9)} ${"README".padStart(9)}`);
  console.log(
    `${"statements per step".padEnd(28)} ${fixed(cost.statementsPerStep).padStart(9)} ${fixed(recorded.statements).padStart(9)}`,
  );
  console.log(
    `${"round trips per step".padEnd(28)} ${fixed(cost.roundTripsPerStep).padStart(9)} ${fixed(recorded.roundTrips).padStart(9)}`,
  );
  console.log(
    `${"WAL records per step".padEnd(28)} ${fixed(cost.walRecordsPerStep).padStart(9)} ${fixed(recorded.walRecords).padStart(9)}`,
  );
  console.log(
    `${"Node CPU ms per step".padEnd(28)} ${fixed(cost.nodeMsPerStep).padStart(9)} ${fixed(recorded.nodeMs).padStart(9)}`,
  );
  console.log(
    `${"PostgreSQL CPU ms per step".padEnd(28)} ${fixed(cost.pgMsPerStep).padStart(9)} ${fixed(recorded.pgMs).padStart(9)}`,
  );
  console.log(
    `WAL bytes per step ${fixed(cost.walBytesPerStep, 0)} (${cost.walByManager ?? "n/a"}); ` +
      `a start: ${fixed(cost.statementsPerStart)} statements, ${fixed(cost.walRecordsPerStart)} WAL records`,
  );
  console.log(
    `${"statements per firing".padEnd(28)} ${fixed(cost.statementsPerFire).padStart(9)} ${fixed(recorded.fireStatements).padStart(9)}`,
  );
  console.log(
    `${"WAL records per firing".padEnd(28)} ${fixed(cost.walRecordsPerFire).padStart(9)} ${fixed(recorded.fireWalRecords).padStart(9)}`,
  );
  console.log(
    `a deadline's firing, ${fire.fired} in one batch: ${cost.walByManagerPerFire ?? "n/a"} WAL records per fire`,
  );
  console.log("(CPU depends on the machine and its load: printed, never compared)");
  if (k.guard) {
    const problems = [
      cost.statementsPerStep > recorded.statements + 0.005 &&
        `a step sends ${fixed(cost.statementsPerStep)} statements, the README records ${recorded.statements}`,
      cost.roundTripsPerStep > recorded.roundTrips + 0.005 &&
        `a step makes ${fixed(cost.roundTripsPerStep)} round trips to PostgreSQL, the README records ${recorded.roundTrips}`,
      cost.walRecordsPerStep === null && "WAL records could not be counted (pg_walinspect)",
      cost.walRecordsPerStep !== null &&
        cost.walRecordsPerStep > recorded.walRecords * (1 + WAL_RECORDS_MARGIN) &&
        `a step writes ${fixed(cost.walRecordsPerStep)} WAL records, the README records ${recorded.walRecords} (+${WAL_RECORDS_MARGIN * 100} %)`,
      cost.statementsPerFire > recorded.fireStatements + 0.005 &&
        `a firing sends ${fixed(cost.statementsPerFire)} statements, the README records ${recorded.fireStatements}`,
      cost.walRecordsPerFire !== null &&
        cost.walRecordsPerFire > recorded.fireWalRecords * (1 + WAL_RECORDS_MARGIN) &&
        `a firing writes ${fixed(cost.walRecordsPerFire)} WAL records, the README records ${recorded.fireWalRecords} (+${WAL_RECORDS_MARGIN * 100} %)`,
    ].filter((p): p is string => typeof p === "string");
    if (problems.length > 0) throw new GuardFailure(problems);
    console.log(
      "guard: a step costs no more statements, round trips or WAL records, and a firing no more statements or WAL records, than the README records",
    );
  }
  return cost;
}

/**
 * What a deadline's firing costs: the cost cases' first deadlines (registered, two working days),
 * all past, fired by one `fireDueTimers` call in one batch — its scan, its claim and one statement
 * per firing — per fire. Only the batch's transaction writes (one commit record).
 */
async function measureFireCost(k: Knobs, rt: Runtime, database: string, inspect: boolean) {
  for (let i = 0; i < k.costCases; i++) await startOne(rt);
  const at = new Date(Date.now() + 60 * DAY_MS);
  const lsn0 = inspect ? await walLsn(k.adminUrl) : "";
  const sent = statementsSent;
  const report = await fireDueTimers(rt.db, { now: at, batchSize: 10 * k.costCases });
  const statements = statementsSent - sent;
  const lsn1 = inspect ? await walLsn(k.adminUrl) : "";
  if (report.fired === 0 || report.failed > 0 || (await countDueTimers(rt, at)) > 0)
    throw new Error(`fire cost: ${JSON.stringify(report)}`);
  const wal = inspect ? await walBetween(k.adminUrl, database, lsn0, lsn1, 1) : null;
  return {
    fired: report.fired,
    statementsPerFire: statementsPerOp(statements, report.fired),
    walRecordsPerFire: wal ? wal.records / report.fired : null,
    walByManagerPerFire: wal
      ? wal.byManager.map((r) => `${r.manager} ${(r.records / report.fired).toFixed(1)}`).join(", ")
      : null,
  };
}

const statementsPerOp = (statements: number, operations: number) => Number((statements / operations).toFixed(3));

class GuardFailure extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The step or a deadline's firing became dearer than packages/core/README.md records:\n- ${problems.join("\n- ")}\n` +
        "Make it cheaper, or if the cost is wanted, record the new figures in the README with the reason.",
    );
  }
}
// ---------------------------------------------------------------------------------------

type Result = {
  transitions_per_s: number;
  p50_ms: number;
  p99_ms: number;
  p50_ms_at_200: number;
  p99_ms_at_200: number;
  timer_fires_per_s: number;
  pgbench_tps: number;
  ratio: number;
  /** The closed loop with its cases spread over `counties` counties. */
  transitions_per_s_spread: number;
  ratio_spread: number;
  counties: number;
  statements_per_step: number;
  round_trips_per_step: number;
  statements_per_start: number;
  statements_per_fire: number;
  wal_records_per_fire: number | null;
  wal_records_per_step: number | null;
  wal_bytes_per_step: number | null;
  node_cpu_ms_per_step: number;
  pg_cpu_ms_per_step: number | null;
  clients: number;
  /** Worker threads the closed loops ran in. */
  threads: number;
  cases: number;
  synchronous_commit: string;
  /** The database was on a Citus cluster, distributed by county (pgbench's tables are the coordinator's own). */
  citus: boolean;
};

/** The closed loops' threads, as printed. */
const threadsOf = (k: Knobs, clients: number) => {
  const threads = Math.min(k.threads, clients);
  return threads > 1 ? `${threads} threads (each with its own pool, as the app's processes)` : "one thread";
};

async function bench(k: Knobs): Promise<Result> {
  const server = serverOf(k.adminUrl);
  const C = k.clients;
  console.log(`# rdlink runtime benchmark — ${new Date().toISOString()}`);
  console.log(
    `server ${server.host}:${server.port}, ${availableParallelism()} CPU cores; clients=${C} cases=${k.cases} ` +
      `seconds=${k.seconds} (+${k.warmupSeconds} warm-up) rate=${k.rate}/s×${k.rateSeconds}s timers=${k.timers}`,
  );

  // 1. Roles, a fresh database owned by a non-superuser, migrations as that owner.
  let t0 = performance.now();
  const scratchDb = await createScratchDatabase(k.adminUrl, { owner: OWNER_ROLE, app: APP_ROLE });
  const database = scratchDb.name;
  const dropDatabase = defer(`drop ${database}`, async () => {
    await scratchDb.drop();
    console.log(`dropped ${database}`);
  });
  const db = await openPostgres({ url: scratchDb.urlAs(APP_ROLE), max: C + 4 });
  const closeDb = defer("close pool", () => db.close());
  await db.assertRolesCannotBypassRls();
  console.log(
    `\ndatabase ${database}${scratchDb.citus ? " on a Citus cluster, distributed by county" : ""}: ` +
      `migrated as ${OWNER_ROLE}, runtime logs in as ${APP_ROLE} (member of app_user)`,
  );

  // 2. The counties (the first holds every case of the first closed loop), the step's cost.
  t0 = performance.now();
  const operator = { actor: await createOperator(db, "bench-operator"), ip: null, clock: systemClock };
  const counties: Runtime[] = [];
  for (const divisionCode of benchCounties(Math.max(1, k.counties))) {
    counties.push(await onboardBenchCounty(db, operator, divisionCode, counties.length));
  }
  const rt = counties[0]!;
  const [setting] = await db.withTenant(rt.tenantId, (tx) =>
    selectRows<{ synchronous_commit: string; autovacuum: string }>(
      tx,
      sql`select current_setting('synchronous_commit') as synchronous_commit, current_setting('autovacuum') as autovacuum`,
    ),
  );
  const synchronousCommit = setting?.synchronous_commit ?? "unknown";
  console.log(
    `${counties.length} counties onboarded in ${ms(performance.now() - t0)}; synchronous_commit = ${synchronousCommit}; ` +
      `autovacuum = ${setting?.autovacuum ?? "unknown"} (each phase starts on vacuumed tables either way)`,
  );
  // Each phase starts as pgbench's run does: its tables vacuumed and analysed, the WAL
  // checkpointed. Otherwise a phase pays for the dead rows of the ones before it — all of them
  // on a server without autovacuum (this project's CI machines have it off).
  const settle = () => psql(k.adminUrl, ["vacuum (analyze)", "checkpoint"], { database, timeoutMs: 600_000 });
  const cost = await measureStepCost(k, rt, database, scratchDb.urlAs(APP_ROLE));

  t0 = performance.now();
  const seeded = await startMany(rt, k.cases, Math.min(C, 8));
  const seedSeconds = (performance.now() - t0) / 1000;
  console.log(
    `\nseeded ${seeded.length} citizenOpinion cases in ${seedSeconds.toFixed(1)} s (${(seeded.length / seedSeconds).toFixed(0)} starts/s, 25 per transaction)`,
  );
  const partitions = partition(seeded, C);

  // 3. Closed loop: C clients as fast as they can, all in one county.
  const appUrl = scratchDb.urlAs(APP_ROLE);
  await settle();
  const walBefore = await sampleWal(k.adminUrl);
  const {
    tally: closed,
    cpuBefore,
    cpuAfter,
  } = await profiled(k, "closed", () => closedLoopOnThreads(k, { appUrl, database, counties, partitions }));
  const walAfter = await sampleWal(k.adminUrl);
  const closedSeconds = (cpuAfter.at - cpuBefore.at) / 1000;
  const transitionsPerSecond = closed.transitions.length / closedSeconds;
  const closedSummary = summarise(closed.transitions);
  const startSummary = summarise(closed.starts);
  const writes = closed.transitions.length + closed.starts.length;
  console.log(
    `\n## Closed loop: ${C} clients on ${threadsOf(k, C)}, ${closedSeconds.toFixed(1)} s, each on its own ${partitions[0]!.length} cases, one county`,
  );
  console.log(`transitions  ${transitionsPerSecond.toFixed(0)}/s   ${line(closedSummary)}`);
  console.log(`case starts  ${(closed.starts.length / closedSeconds).toFixed(0)}/s   ${line(startSummary)}`);
  console.log(`all write transactions ${(writes / closedSeconds).toFixed(0)}/s; errors ${closed.errors}`);
  for (const l of cpuReport(cpuBefore, cpuAfter, writes)) console.log(l);
  for (const l of walReport(walBefore, walAfter, writes, closedSeconds)) console.log(l);

  // 3b. The same closed loop with the cases spread over the counties: a per-county serialisation
  // (a lock or a chain every step of a county takes) would show as a higher rate here.
  const spreadSeeded = (
    await Promise.all(counties.map((county, i) => startMany(county, shareOf(k.cases, counties.length, i), 1)))
  ).flat();
  const spreadPartitions = partition(spreadSeeded, C, counties.length);
  await settle();
  const {
    tally: spread,
    cpuBefore: spreadCpuBefore,
    cpuAfter: spreadCpuAfter,
  } = await closedLoopOnThreads(k, { appUrl, database, counties, partitions: spreadPartitions });
  const spreadSeconds = (spreadCpuAfter.at - spreadCpuBefore.at) / 1000;
  const spreadPerSecond = spread.transitions.length / spreadSeconds;
  const spreadSummary = summarise(spread.transitions);
  console.log(
    `\n## Closed loop: ${C} clients on ${threadsOf(k, C)}, ${spreadSeconds.toFixed(1)} s, cases spread over ${counties.length} counties`,
  );
  console.log(`transitions  ${spreadPerSecond.toFixed(0)}/s   ${line(spreadSummary)}; errors ${spread.errors}`);
  for (const l of cpuReport(spreadCpuBefore, spreadCpuAfter, spread.transitions.length + spread.starts.length))
    console.log(l);

  // 4. Open loop at a fixed rate. Closed cases are replaced first, outside the clock.
  for (const slots of partitions) {
    for (let i = 0; i < slots.length; i++) if (!NEXT_STEP[slots[i]!.state]) slots[i] = await startOne(slots[i]!.rt);
  }
  await settle();
  const openCpuBefore = await sampleCpu(k.adminUrl, database);
  const open = await openLoop(partitions, k.rate, k.rateSeconds);
  const openCpuAfter = await sampleCpu(k.adminUrl, database);
  console.log(`\n## Open loop: ${k.rate} transitions/s scheduled for ${k.rateSeconds} s across ${C} clients`);
  console.log(`achieved ${open.achieved.toFixed(0)}/s; errors ${open.tally.errors}; unfinished ${open.stuck}`);
  console.log(`latency from schedule  ${line(open.latency)}`);
  console.log(`transaction wall time  ${line(open.service)}`);
  console.log(`target p99 < 25 ms at ${k.rate}/s: ${open.latency.p99 < 25 ? "met" : "NOT met"}`);
  const openOps = open.tally.transitions.length + open.tally.starts.length;
  for (const l of cpuReport(openCpuBefore, openCpuAfter, openOps)) console.log(l);

  // 5. Timer drain: M cases in `registered`, whose 2-working-day deadline is long past at `fireAt`.
  t0 = performance.now();
  await startMany(rt, k.timers, Math.min(C, 8));
  console.log(`\n## Timer drain: ${k.timers} more cases started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const fireAt = new Date(Date.now() + 60 * DAY_MS);
  // The drain fires every county's due timers: the first county's new cases and what the
  // closed loops left on their desks everywhere.
  const dueEverywhere = async () =>
    (await Promise.all(counties.map((c) => countDueTimers(c, fireAt)))).reduce((a, b) => a + b, 0);
  const backlog = await dueEverywhere();
  await settle();
  const fired = { fired: 0, stale: 0, failed: 0, inSavepoints: 0, rounds: 0 };
  const timerDeadline = performance.now() + k.timerMaxSeconds * 1000;
  const tallyTimers = newTally();
  const cpuTimersBefore = await sampleCpu(k.adminUrl, database);
  await profiled(k, "drain", () =>
    Promise.all(
      Array.from({ length: k.timerWorkers }, async () => {
        while (performance.now() < timerDeadline) {
          const report = await fireDueTimers(db, {
            now: fireAt,
            batchSize: 200,
            onError: (error) => noteError(tallyTimers, "fireTimer", error),
          });
          fired.rounds++;
          fired.fired += report.fired;
          fired.stale += report.stale;
          fired.failed += report.failed;
          fired.inSavepoints += report.inSavepoints;
          if (report.fired + report.stale === 0) break;
        }
      }),
    ),
  );
  const cpuTimersAfter = await sampleCpu(k.adminUrl, database);
  const timerSeconds = (cpuTimersAfter.at - cpuTimersBefore.at) / 1000;
  const left = await dueEverywhere();
  const firesPerSecond = fired.fired / timerSeconds;
  console.log(
    `due at ${fireAt.toISOString()}: ${backlog} timers in ${counties.length} counties; ${k.timerWorkers} workers × fireDueTimers(batchSize 200) ` +
      `in ${fired.rounds} rounds, ${timerSeconds.toFixed(1)} s`,
  );
  console.log(
    `fired ${fired.fired} (${firesPerSecond.toFixed(0)}/s), stale ${fired.stale}, failed ${fired.failed}, still due ${left}; ` +
      `batches fired again in savepoints ${fired.inSavepoints}`,
  );
  for (const l of cpuReport(cpuTimersBefore, cpuTimersAfter, fired.fired + fired.stale)) console.log(l);

  await closeDb();
  await dropDatabase();

  // 6. pgbench's TPC-B-like workload, same server, same client count.
  const scratch = `rdlink_bench_pgb_${randomBytes(6).toString("hex")}`;
  await psql(k.adminUrl, [`create database ${scratch}`]);
  const dropScratch = defer(`drop ${scratch}`, async () => {
    await psql(k.adminUrl, [`drop database if exists ${scratch} with (force)`]);
    console.log(`dropped ${scratch}`);
  });
  t0 = performance.now();
  await pgbench(server, ["-i", "-q", "-s", String(k.pgbenchScale), scratch], 600_000);
  console.log(
    `\n## pgbench TPC-B-like: scale ${k.pgbenchScale} initialised in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await psql(k.adminUrl, ["checkpoint"]);
  const args = ["-c", String(C), "-j", "2", "-T", String(k.pgbenchSeconds), "-M", "prepared", scratch];
  const running = pgbench(server, args, (k.pgbenchSeconds + 120) * 1000);
  running.catch(() => {}); // awaited below; no unhandled rejection while sampling
  // pgbench's backends exit with it, so CPU and WAL are sampled inside its run, off its first 2 s and last 1 s.
  let window: [CpuSample, CpuSample, WalSample, WalSample] | null = null;
  if (k.pgbenchSeconds >= 5) {
    await sleep(2000);
    const walFrom = await sampleWal(k.adminUrl);
    const cpuFrom = await sampleCpu(k.adminUrl, scratch);
    await sleep((k.pgbenchSeconds - 3) * 1000 - (performance.now() - cpuFrom.at) - 250);
    const cpuTo = await sampleCpu(k.adminUrl, scratch);
    const walTo = await sampleWal(k.adminUrl);
    window = [cpuFrom, cpuTo, walFrom, walTo];
  }
  const { stdout } = await running;
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`No tps line in pgbench's output:\n${stdout}`);
  const pgbenchTps = Number(tps[1]);
  const latencyLine = /latency average = ([\d.]+) ms/.exec(stdout);
  console.log(`pgbench ${args.join(" ")}`);
  console.log(
    `tps ${pgbenchTps.toFixed(0)} (without initial connection time); latency average ${latencyLine?.[1] ?? "?"} ms`,
  );
  if (window) {
    const [cpuFrom, cpuTo, walFrom, walTo] = window;
    const seconds = (cpuTo.at - cpuFrom.at) / 1000;
    const ops = Math.round(pgbenchTps * seconds);
    console.log(`(sampled over ${seconds.toFixed(1)} s of the run, ≈${ops} transactions at the reported tps)`);
    for (const l of cpuReport(cpuFrom, cpuTo, ops)) console.log(l);
    for (const l of walReport(walFrom, walTo, ops, seconds)) console.log(l);
  }
  await dropScratch();

  const ratio = transitionsPerSecond / pgbenchTps;
  console.log(`\n## Summary`);
  console.log(
    `runtime ${transitionsPerSecond.toFixed(0)} transitions/s vs pgbench ${pgbenchTps.toFixed(0)} tps: ratio ${ratio.toFixed(3)}; ` +
      `spread over ${counties.length} counties ${spreadPerSecond.toFixed(0)}/s (ratio ${(spreadPerSecond / pgbenchTps).toFixed(3)})`,
  );
  console.log(
    `p50/p99 ${ms(closedSummary.p50)}/${ms(closedSummary.p99)} closed loop; ` +
      `${ms(open.latency.p50)}/${ms(open.latency.p99)} at ${k.rate}/s; timers ${firesPerSecond.toFixed(0)} fires/s`,
  );

  return {
    transitions_per_s: round(transitionsPerSecond, 1),
    p50_ms: round(closedSummary.p50, 2),
    p99_ms: round(closedSummary.p99, 2),
    p50_ms_at_200: round(open.latency.p50, 2),
    p99_ms_at_200: round(open.latency.p99, 2),
    timer_fires_per_s: round(firesPerSecond, 1),
    pgbench_tps: round(pgbenchTps, 1),
    ratio: round(ratio, 3),
    transitions_per_s_spread: round(spreadPerSecond, 1),
    ratio_spread: round(spreadPerSecond / pgbenchTps, 3),
    counties: counties.length,
    statements_per_step: cost.statementsPerStep,
    round_trips_per_step: cost.roundTripsPerStep,
    statements_per_start: cost.statementsPerStart,
    statements_per_fire: cost.statementsPerFire,
    wal_records_per_fire: cost.walRecordsPerFire === null ? null : round(cost.walRecordsPerFire, 2),
    wal_records_per_step: cost.walRecordsPerStep === null ? null : round(cost.walRecordsPerStep, 2),
    wal_bytes_per_step: cost.walBytesPerStep === null ? null : round(cost.walBytesPerStep, 0),
    node_cpu_ms_per_step: round(cost.nodeMsPerStep, 3),
    pg_cpu_ms_per_step: cost.pgMsPerStep === null ? null : round(cost.pgMsPerStep, 3),
    clients: C,
    threads: Math.min(k.threads, C),
    cases: k.cases,
    synchronous_commit: synchronousCommit,
    citus: scratchDb.citus,
  };
}

async function main() {
  const knobs = readBenchKnobs();
  const watchdog = setTimeout(() => {
    console.error(`watchdog: the benchmark ran longer than ${knobs.maxSeconds} s; cleaning up`);
    void runCleanups().finally(() => process.exit(2));
  }, knobs.maxSeconds * 1000);
  watchdog.unref();
  process.once("SIGINT", () => {
    console.error("interrupted; cleaning up");
    void runCleanups().finally(() => process.exit(130));
  });

  let result: Result | undefined;
  let onCitus: Result | undefined;
  try {
    result = await bench(knobs);
    if (knobs.citusUrl) {
      await runCleanups();
      console.log("\n# the same on the Citus cluster");
      // The guard's recorded figures are one PostgreSQL's: a Citus coordinator writes other WAL.
      onCitus = await bench({ ...knobs, adminUrl: knobs.citusUrl, guard: false });
    }
  } catch (error) {
    console.error(error instanceof GuardFailure ? `\n${error.message}` : error);
  } finally {
    await runCleanups();
    clearTimeout(watchdog);
  }
  if (!result || (knobs.citusUrl && !onCitus)) process.exit(1);
  console.log(JSON.stringify(onCitus ? { postgres: result, citus: onCitus } : result));
  process.exit(0);
}

if (isMainThread) await main();
else await loopThread(workerData as LoopJob);
