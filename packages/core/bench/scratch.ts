import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type Database, openPglite, openPostgres } from "@rdlink/db";
import { createScratchDatabase, psql } from "@rdlink/db/testing/scratch-database";

/**
 * What the list, suggestion and session-figure benchmarks share: a scratch database per driver
 * (PostgreSQL logged in as an app role that RLS applies to, or an in-memory PGlite), p50/p95
 * timing, and the machine's load average.
 */

const OWNER_ROLE = "rdlink_bench_owner";
const APP_ROLE = "rdlink_bench_app";

export type BenchDriver = "postgres" | "pglite";

export type BenchDatabase = {
  db: Database;
  /** Fresh planner statistics after seeding (PostgreSQL only). */
  analyze: () => Promise<void>;
  /** Drops it, or with `keep` leaves it and prints its name. */
  drop: () => Promise<void>;
};

/** `BENCH_DRIVERS` ("postgres,pglite") as a list. */
export const driversOf = (text: string) => text.split(",").map((d) => d.trim()) as BenchDriver[];

/** A scratch PostgreSQL database (packages/db/src/testing/scratch-database.ts), or PGlite. */
export async function openBenchDatabase(
  driver: BenchDriver,
  adminUrl: string,
  options: { keep?: boolean } = {},
): Promise<BenchDatabase> {
  if (driver === "pglite") {
    const db = await openPglite();
    return { db, analyze: async () => void (await db.maintainEmbedded()), drop: async () => {} };
  }
  const scratch = await createScratchDatabase(adminUrl, { owner: OWNER_ROLE, app: APP_ROLE }, options);
  try {
    const db = await openPostgres({ url: scratch.urlAs(APP_ROLE), max: 2 });
    await db.assertRolesCannotBypassRls();
    return {
      db,
      // As the tables' owner: the app role may not VACUUM or ANALYZE them, and the planner, left
      // with the statistics of empty tables, would nest loops over 600 rows. Autovacuum does this
      // in production; the bench measures that steady state, not the minutes after a bulk load.
      analyze: async () => {
        await psql(scratch.urlAs(OWNER_ROLE), ["vacuum (analyze)"], { database: scratch.name });
      },
      drop: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** `run` timed `runs` times after `warmup` untimed runs: the median and 95th percentile in ms. */
export async function timeRuns(run: () => Promise<unknown>, { warmup, runs }: { warmup: number; runs: number }) {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

/** The machine's load average: other work on a shared machine shows in the figures. */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
