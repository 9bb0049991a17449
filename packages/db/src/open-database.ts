import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { Database } from "./database";
import { postgresTarget } from "./postgres-target";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

// No `schema`: see types.ts.
const orm = { casing: "snake_case" } as const;

/**
 * The embedded default: PGlite in-process, persisted in `dataDir` (in memory when
 * omitted). One process per data directory; queries are serialised. Migrations run
 * as PGlite's superuser, which owns the tables; requests run as app_user.
 */
export async function openPglite(options: { dataDir?: string; migrate?: boolean } = {}): Promise<Database> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzlePglite({ client, ...orm });
  if (options.migrate !== false) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return new Database("pglite", db, () => client.close());
}

/**
 * The app's connections cannot write outside a transaction that declares itself read-write, which
 * every `Database` transaction does first (decision 0044). On a connection whose server reports this,
 * our postgres.js patch does not wait for BEGIN's answer before the transaction's first statements:
 * what is written behind a BEGIN that failed runs read-only, and can change nothing.
 */
export const READ_ONLY_OUTSIDE_TRANSACTIONS = { default_transaction_read_only: true } as const;

/** PostgreSQL through postgres.js, logged in as a member of app_user (never the owner). */
export async function openPostgres(options: {
  url: string;
  max?: number;
  /** Called with each statement sent (benchmarks count a step's statements with it). */
  onStatement?: (text: string) => void;
}): Promise<Database> {
  const onStatement = options.onStatement;
  const { url, path } = postgresTarget(options.url);
  const client = postgres(url, {
    path,
    max: options.max ?? 10,
    onnotice: () => {},
    connection: READ_ONLY_OUTSIDE_TRANSACTIONS,
    ...(onStatement ? { debug: (_connection: number, text: string) => onStatement(text) } : {}),
  });
  const db = drizzlePostgres({ client, ...orm });
  return new Database("postgres", db, () => client.end({ timeout: 5 }));
}

/** Applies the checked-in migrations as the owner role at `ownerUrl`. */
export async function migratePostgresDatabase(ownerUrl: string): Promise<void> {
  const { url, path } = postgresTarget(ownerUrl);
  const client = postgres(url, { path, max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzlePostgres({ client, ...orm }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
  }
}
