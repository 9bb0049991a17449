/**
 * What one round trip to PostgreSQL costs each side, over loopback TCP and over the server's Unix
 * socket (decision 0047):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:round-trip
 *
 * One connection per transport sends BENCH_ROUND_TRIPS prepared `select $1` one after another (after
 * a tenth as many to warm up), in alternating rounds (BENCH_ROUNDS), and reads the CPU time this
 * process and the connection's backend (`/proc/<pid>/stat`, so run it on the database's machine)
 * spent per round trip. The last line of stdout is one JSON object (medians over the rounds).
 */
import { readFileSync } from "node:fs";
import { intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import postgres from "postgres";
import { postgresTarget } from "../src/postgres-target";

const knobs = readKnobs({
  url: textKnob("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
  roundTrips: intKnob("BENCH_ROUND_TRIPS", 20_000),
  rounds: intKnob("BENCH_ROUNDS", 3),
});

/** Microseconds of CPU a process has used (user + system), from its clock ticks of 10 ms. */
function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

type Cost = { wallMicros: number; nodeMicros: number; nodeSystemMicros: number; backendMicros: number };

async function measure(url: string): Promise<Cost> {
  const { url: address, path } = postgresTarget(url);
  const sql = postgres(address, { path, max: 1, onnotice: () => {} });
  try {
    const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pid = backend!.pid;
    for (let i = 0; i < knobs.roundTrips / 10; i++) await sql`select ${i}::int as x`;
    const cpuBefore = process.cpuUsage();
    const backendBefore = processCpuMicros(pid);
    const started = performance.now();
    for (let i = 0; i < knobs.roundTrips; i++) await sql`select ${i}::int as x`;
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const per = (micros: number) => Math.round((10 * micros) / knobs.roundTrips) / 10;
    return {
      wallMicros: per(wall * 1000),
      nodeMicros: per(cpu.user + cpu.system),
      nodeSystemMicros: per(cpu.system),
      backendMicros: per(processCpuMicros(pid) - backendBefore),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const tcp = new URL(knobs.url);
  const admin = postgres(knobs.url, { max: 1, onnotice: () => {} });
  const [setting] = await admin<
    { directories: string }[]
  >`select current_setting('unix_socket_directories') as directories`;
  await admin.end({ timeout: 5 });
  const socketDirectory = setting!.directories.split(",")[0]!.trim();
  const overSocket = new URL(knobs.url);
  overSocket.hostname = "localhost";
  overSocket.searchParams.set("host", socketDirectory);
  const transports = { tcp: tcp.toString(), unix: overSocket.toString() };
  console.log(`${knobs.roundTrips} round trips per round, ${knobs.rounds} rounds; socket ${socketDirectory}`);

  const costs: Record<keyof typeof transports, Cost[]> = { tcp: [], unix: [] };
  for (let round = 1; round <= knobs.rounds; round++) {
    for (const [transport, url] of Object.entries(transports) as [keyof typeof transports, string][]) {
      const cost = await measure(url);
      costs[transport].push(cost);
      console.log(
        `round ${round} ${transport.padEnd(4)}: ${cost.wallMicros} µs wall, Node ${cost.nodeMicros} µs CPU ` +
          `(${cost.nodeSystemMicros} in the kernel), backend ${cost.backendMicros} µs CPU per round trip`,
      );
    }
  }
  const summary = (list: Cost[]) => ({
    wall_us: median(list.map((cost) => cost.wallMicros)),
    node_cpu_us: median(list.map((cost) => cost.nodeMicros)),
    backend_cpu_us: median(list.map((cost) => cost.backendMicros)),
  });
  console.log(
    JSON.stringify({
      round_trips: knobs.roundTrips,
      rounds: knobs.rounds,
      tcp: summary(costs.tcp),
      unix: summary(costs.unix),
    }),
  );
}

await main();
