import path from "node:path";
import { z } from "zod";
import { parseEnvironment } from "./parse-environment";

/**
 * The app's environment: this package is the one place that reads process.env (benchmarks
 * read their knobs through `knobs.ts`). Everything else asks for `env()`, so a bad value is a
 * boot error, not a silent default.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres.js connection for the app role. Unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  /** Owner connection used to apply migrations; defaults to DATABASE_URL. */
  MIGRATE_DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default(path.resolve(".data")),
  /** Where uploaded photos are stored (under generated names). Defaults to DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Seed the demo county and its sign-ins on an empty database. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** inline: the deadline/outbox worker runs in the web process (the embedded default); external: apps/worker. */
  WORKER_MODE: z.enum(["inline", "external"]).default("inline"),
  WORKER_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /**
   * Signs the public form's proof-of-work challenges and keys its rate limits. Set it when
   * several processes serve the public pages; unset, each process draws its own at boot.
   */
  INTAKE_SECRET: z.string().min(32).optional(),
  TEST_DATABASE_URL: z.url().optional(),
  CHROMIUM_PATH: z.string().optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  cached ??= parseEnvironment(ZEnv);
  return cached;
}

/** Where uploaded photos live: FILES_DIR, else `files/` in the data directory (the web app's and the worker's). */
export function filesDirectory(): string {
  const { FILES_DIR, DATA_DIR } = env();
  return FILES_DIR ?? path.join(DATA_DIR, "files");
}
