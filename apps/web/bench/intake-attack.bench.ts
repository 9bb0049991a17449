/**
 * `pnpm bench:intake-attack`: issue 13's memory attacker on the public form, against the built
 * app on its embedded database (a fresh DATA_DIR, the demo seeded). BENCH_ATTACKERS (8)
 * anonymous clients at once each POST `/s/<code>.data` with a multipart body of
 * BENCH_PHOTO_MB (60) MB: the form's text fields first, with a proof of work that is not one,
 * then one photo part streamed at BENCH_SEND_MB_PER_S (6) MB/s — about 10 s for the whole
 * photo, so "refused within a second of its first bytes" is something a server that reads the
 * body first cannot do. Each attacker comes from its own address (X-Forwarded-For, as behind
 * the reverse proxy), so the rate limit lets it through and the proof of work refuses it.
 *
 * Measured: each request's status and the time from its first byte sent to the answer, how
 * much the client got to send before the server ended the connection, how much the server
 * read in all (/proc/<pid>/io), and the server process's resident memory (VmRSS, every 50 ms)
 * at idle and at its peak during the attack.
 *
 * Fails (exit 1) when the peak is more than BENCH_MAX_GROWTH_MB (150) above idle, when a
 * refusal took longer than BENCH_MAX_REFUSAL_MS (1000), or when a request was not refused with
 * a 4xx. Builds the app first if there is no build. Other knobs: BENCH_PORT (a free one).
 * The last line of stdout is one JSON object.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";

import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@rdlink/db/testing/free-port";
import { intKnob, readKnobs } from "@rdlink/env/knobs";
import { ensureBuild, startBuiltApp } from "./built-app";

const knobs = readKnobs({
  attackers: intKnob("BENCH_ATTACKERS", 8),
  photoMb: intKnob("BENCH_PHOTO_MB", 60),
  sendMbPerSecond: intKnob("BENCH_SEND_MB_PER_S", 6),
  maxGrowthMb: intKnob("BENCH_MAX_GROWTH_MB", 150),
  maxRefusalMs: intKnob("BENCH_MAX_REFUSAL_MS", 1000),
  port: intKnob("BENCH_PORT", 0, 0),
});

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const SAMPLE_MS = 50;
const REFUSALS = [400, 403, 413, 429];
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mb = (bytes: number) => round(bytes / MB);

// ---------------------------------------------------------------------------------------
// The server process: tsx starts node with its loader as a child; that child is the app.

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
};

/** The node process that runs server.ts under tsx (the spawned tsx's node child), else the spawned one. */
function serverProcess(spawned: number): number {
  const pending = [spawned];
  while (pending.length > 0) {
    const pid = pending.shift()!;
    if (pid !== spawned && /\bnode\b/.test(commandOf(pid)) && commandOf(pid).includes("server.ts")) return pid;
    pending.push(...childrenOf(pid));
  }
  return spawned;
}

/** VmRSS in bytes, or null once the process is gone. */
function rssOf(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Bytes the process has read through read(2) and the like (sockets included). */
function bytesReadBy(pid: number): number {
  const line = readFileSync(`/proc/${pid}/io`, "utf8").match(/^rchar:\s+(\d+)/m);
  return line ? Number(line[1]) : 0;
}

function sampler(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss !== null) samples.push(rss);
  }, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Finding a demo station's public code: signed in as the county's administrator.

async function demoStationCode(base: string): Promise<string> {
  const signIn = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "xxt-admin", password: "rdlink-demo-2026", redirectTo: "/" }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error(`signing in as xxt-admin failed (${signIn.status})`);
  const page = async (url: string) => {
    const response = await fetch(`${base}${url}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return response.text();
  };
  const station = (await page("/county/stations")).match(/href="(\/county\/stations\/[0-9a-f-]{36})"/)?.[1];
  if (!station) throw new Error("no station on /county/stations");
  const code = (await page(station)).match(/data-testid="public-code"[^>]*>(\d{6}-[0-9A-Z]{6})</)?.[1];
  if (!code) throw new Error(`no public code on ${station}`);
  return code;
}

// ---------------------------------------------------------------------------------------
// One attacker.

type Outcome = {
  status: number | null;
  /** From the first byte sent to the answer's status line. */
  refusalMs: number | null;
  /** From the first byte sent to the connection's end. */
  closedMs: number | null;
  /** Bytes the client got to hand to its socket (headers included) before the connection ended. */
  sentBytes: number;
  /** The refusal's message key, from the answer's body. */
  reason: string | null;
};

const BOUNDARY = "----rdlinkAttacker7MA4YWxkTrZu0gW";

function textPart(name: string, value: string) {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

/** Until the socket takes more (the server reads again) or the connection ends. */
function drainedOrClosed(request: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      request.off("drain", done).off("close", done);
      resolve();
    };
    request.on("drain", done).on("close", done);
  });
}

function attack(base: string, code: string, address: string): Promise<Outcome> {
  const fields = Buffer.from(
    textPart("intakeKey", randomUUID()) +
      // Base64 JSON in the right shape, but no puzzle this server signed.
      textPart("altcha", Buffer.from(JSON.stringify({ challenge: {}, solution: {} })).toString("base64")) +
      textPart("category", "urbanConstruction") +
      textPart("content", "村口路灯坏了，晚上看不见路") +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const closing = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const photoBytes = knobs.photoMb * MB;
  const { hostname, port } = new URL(base);
  const request = http.request({
    host: hostname,
    port,
    method: "POST",
    path: `/s/${code}.data`,
    agent: false,
    headers: {
      origin: base,
      "x-forwarded-for": address,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      "content-length": fields.byteLength + photoBytes + closing.byteLength,
    },
  });
  const outcome: Outcome = { status: null, refusalMs: null, closedMs: null, sentBytes: 0, reason: null };
  let started = 0;
  let ended = false;
  return new Promise((resolve) => {
    request.on("response", (response) => {
      outcome.status = response.statusCode ?? null;
      outcome.refusalMs = performance.now() - started;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => {
        body += text;
        outcome.reason ??= body.match(/(?:intake\.)?errors\.[A-Za-z.]+|validation\.[A-Za-z.]+/)?.[0] ?? null;
      });
    });
    request.on("error", () => {});
    request.on("close", () => {
      ended = true;
      outcome.closedMs = performance.now() - started;
      outcome.sentBytes = request.socket?.bytesWritten ?? 0;
      resolve(outcome);
    });
    void (async () => {
      started = performance.now();
      request.write(fields);
      const chunk = Buffer.alloc(CHUNK, 0xff);
      const pauseMs = (CHUNK / (knobs.sendMbPerSecond * MB)) * 1000;
      let next = performance.now();
      for (let sent = 0; sent < photoBytes && !ended; sent += CHUNK) {
        // The kernel's buffer full means the server stopped reading: wait as a real sender would.
        if (!request.write(chunk)) await drainedOrClosed(request);
        next += pauseMs;
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
      }
      if (!ended) request.end(closing);
    })();
  });
}

// ---------------------------------------------------------------------------------------

ensureBuild();
const port = knobs.port || (await freePort());
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "rdlink-intake-attack-"));
console.log(`[bench] starting the built app on ${base} (DATA_DIR ${dataDir}, demo seeded)`);
const { server, stop } = await startBuiltApp(
  base,
  { DATA_DIR: dataDir, SEED_DEMO: "true", HOST: "127.0.0.1", PORT: String(port) },
  { portKnob: "BENCH_PORT", without: ["DATABASE_URL", "MIGRATE_DATABASE_URL"], stderr: "inherit" },
);
let failed = false;
try {
  const pid = serverProcess(server.pid!);
  const code = await demoStationCode(base);
  console.log(`[bench] server pid ${pid} (${commandOf(pid).slice(0, 80)}…), station ${code}`);

  // Warm up: the public page, and a few refused posts (code paths loaded and compiled).
  for (let i = 0; i < 3; i++) await (await fetch(`${base}/s/${code}`)).text();
  for (let i = 0; i < 3; i++) {
    await attackWarm(base, code, `198.51.100.${i + 1}`);
  }
  await sleep(2000);
  const idleSampler = sampler(pid);
  await sleep(1500);
  const idleSamples = idleSampler.stop().sort((a, b) => a - b);
  const idle = idleSamples[Math.floor(idleSamples.length / 2)]!;

  const readBefore = bytesReadBy(pid);
  const attackSampler = sampler(pid);
  const began = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: knobs.attackers }, (_, i) => attack(base, code, `203.0.113.${i + 1}`)),
  );
  const attackMs = performance.now() - began;
  await sleep(1000);
  const samples = attackSampler.stop();
  const readDuring = bytesReadBy(pid) - readBefore;
  const peak = Math.max(idle, ...samples);

  console.log(
    `\n  ${knobs.attackers} attackers × ${knobs.photoMb} MB photo part at ${knobs.sendMbPerSecond} MB/s each,`,
  );
  console.log("  invalid proof of work, each from its own address\n");
  console.log("  #  status  refused after  connection ended after  sent before the end  reason");
  outcomes.forEach((o, i) => {
    console.log(
      `  ${String(i + 1).padStart(2)}  ${String(o.status ?? "—").padStart(6)}  ${`${round(o.refusalMs ?? Number.NaN)} ms`.padStart(13)}` +
        `  ${`${round(o.closedMs ?? Number.NaN)} ms`.padStart(22)}  ${`${mb(o.sentBytes)} MB`.padStart(19)}  ${o.reason ?? "—"}`,
    );
  });
  const refusals = outcomes.map((o) => o.refusalMs ?? Number.POSITIVE_INFINITY);
  const maxRefusalMs = Math.max(...refusals);
  const growth = peak - idle;
  console.log("");
  console.log(`  server RSS idle          ${mb(idle)} MB`);
  console.log(`  server RSS peak          ${mb(peak)} MB   (${samples.length} samples every ${SAMPLE_MS} ms)`);
  console.log(`  peak − idle              ${mb(growth)} MB   (limit ${knobs.maxGrowthMb} MB)`);
  console.log(`  slowest refusal          ${round(maxRefusalMs)} ms   (limit ${knobs.maxRefusalMs} ms)`);
  console.log(`  server read in all       ${mb(readDuring)} MB   of ${knobs.attackers * knobs.photoMb} MB offered`);
  console.log(`  attack lasted            ${round(attackMs)} ms`);
  console.log(`  load average             ${loadAverage()}`);

  const badStatus = outcomes.filter((o) => o.status === null || !REFUSALS.includes(o.status));
  const problems = [
    ...(growth > knobs.maxGrowthMb * MB ? [`peak RSS ${mb(growth)} MB above idle`] : []),
    ...(maxRefusalMs > knobs.maxRefusalMs ? [`a refusal took ${round(maxRefusalMs)} ms`] : []),
    ...(badStatus.length > 0 ? [`${badStatus.length} requests not refused with ${REFUSALS.join("/")}`] : []),
  ];
  for (const problem of problems) console.error(`[bench] FAIL: ${problem}`);
  failed = problems.length > 0;
  console.log(
    JSON.stringify({
      bench: "intake-attack",
      attackers: knobs.attackers,
      photoMb: knobs.photoMb,
      sendMbPerSecond: knobs.sendMbPerSecond,
      statuses: outcomes.map((o) => o.status),
      reasons: outcomes.map((o) => o.reason),
      refusalMs: outcomes.map((o) => round(o.refusalMs ?? Number.NaN)),
      closedMs: outcomes.map((o) => round(o.closedMs ?? Number.NaN)),
      sentMb: outcomes.map((o) => mb(o.sentBytes)),
      idleRssMb: mb(idle),
      peakRssMb: mb(peak),
      growthMb: mb(growth),
      maxRefusalMs: round(maxRefusalMs),
      serverReadMb: mb(readDuring),
      loadAverage: loadAverage(),
      ok: !failed,
    }),
  );
} finally {
  stop();
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** A small refused post, to warm the server up. */
async function attackWarm(base: string, code: string, address: string) {
  const body = `${textPart("intakeKey", randomUUID())}${textPart("altcha", "bm90IGEgcHJvb2Y=")}--${BOUNDARY}--\r\n`;
  const response = await fetch(`${base}/s/${code}.data`, {
    method: "POST",
    headers: {
      origin: base,
      "x-forwarded-for": address,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    },
    body,
  });
  await response.arrayBuffer();
}
