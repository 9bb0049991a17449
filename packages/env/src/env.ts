import path from "node:path";
import { z } from "zod";
import { parseEnvironment } from "./parse-environment";

/**
 * The app's environment: this package is the one place that reads process.env (benchmarks
 * read their knobs through `knobs.ts`). Everything else asks for `env()`, so a bad value is a
 * boot error, not a silent default.
 */
const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** postgres.js connection for the app role. Unset: embedded PGlite in DATA_DIR. */
    DATABASE_URL: z.url().optional(),
    /** Owner connection used to apply migrations; defaults to DATABASE_URL. */
    MIGRATE_DATABASE_URL: z.url().optional(),
    DATA_DIR: z.string().default(path.resolve(".data")),
    /** Where uploaded photos are stored (under generated names). Defaults to DATA_DIR/files. */
    FILES_DIR: z.string().optional(),
    /** Set by pnpm for a script: the folder the command was typed in (a CLI's relative paths). */
    INIT_CWD: z.string().optional(),
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
    /**
     * The AES-256-GCM key (64 hex characters) the counties' stored secrets (their SMS account's
     * SecretId and SecretKey) are encrypted with. Required in production; elsewhere a fixed
     * development key stands in, so the embedded database's secrets survive restarts.
     */
    COUNTY_SECRETS_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
      .optional(),
    /**
     * The HTTP benchmark's probe (apps/web/bench/http.bench.ts): the server sums its CPU time per
     * request path and answers the sums on GET /_cpu, to loopback only. Never set in production.
     */
    MEASURE_CPU: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    TEST_DATABASE_URL: z.url().optional(),
    CHROMIUM_PATH: z.string().optional(),
  })
  // A deployment on PostgreSQL never runs on the well-known development key. The embedded
  // database (`pnpm start`, the end-to-end tests) is a one-machine trial and may.
  .refine((e) => e.NODE_ENV !== "production" || !e.DATABASE_URL || e.COUNTY_SECRETS_KEY !== undefined, {
    path: ["COUNTY_SECRETS_KEY"],
    message: "required in production (openssl rand -hex 32): it encrypts the counties' SMS keys",
  });

/** The app's environment schema, for tests of its rules. */
export { ZEnv };

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  cached ??= parseEnvironment(ZEnv);
  return cached;
}

/** Not a secret: what encrypts county secrets on development and test machines only. */
const DEVELOPMENT_SECRETS_KEY = "d5f0c1a27b3e48969e0f4a6b2c8d1e7f3a5b9c0d2e4f6a8b0c1d3e5f7a9b2c4d";

/** Whether county secrets are encrypted with the well-known development key (the server says so at boot). */
export function usingDevelopmentSecretsKey(): boolean {
  return env().COUNTY_SECRETS_KEY === undefined;
}

/** The key county secrets are encrypted with: COUNTY_SECRETS_KEY (required in production, see ZEnv). */
export function countySecretsKey(): Buffer {
  return Buffer.from(env().COUNTY_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY, "hex");
}

/** Where uploaded photos live: FILES_DIR, else `files/` in the data directory (the web app's and the worker's). */
export function filesDirectory(): string {
  const { FILES_DIR, DATA_DIR } = env();
  return FILES_DIR ?? path.join(DATA_DIR, "files");
}
