import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Everything else asks for `env()`,
 * so a typo in a variable name is a boot error, not a silent default.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres.js connection for the app role. Unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  /** Owner connection used to apply migrations; defaults to DATABASE_URL. */
  MIGRATE_DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default(path.resolve(".data")),
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
  TEST_DATABASE_URL: z.url().optional(),
  CHROMIUM_PATH: z.string().optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
