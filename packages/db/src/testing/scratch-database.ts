import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { migratePostgresDatabase } from "../open-database";
import { createCitusDatabase, dropCitusDatabase } from "./citus";
import { ensureRolesStatement, ROLES_LOCK } from "./roles";

/**
 * Scratch PostgreSQL databases for the benchmarks: made, migrated and dropped through
 * psql as the admin, owned by a non-superuser role, used by an app role that cannot bypass
 * row-level security — the same roles the tests make.
 */

const run = promisify(execFile);

/** `adminUrl` with another database (and another role, whose password is its name). */
export function localUrl(adminUrl: string, database: string, role?: string): string {
  const u = new URL(adminUrl);
  if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost")
    throw new Error(`The benchmarks only connect to this machine, not ${u.hostname}`);
  if (role) {
    u.username = role;
    u.password = role;
  }
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs each statement as its own psql -c (its own transaction) as the admin; answers the output. */
export async function psql(
  adminUrl: string,
  statements: string[],
  { database = "postgres", timeoutMs = 120_000 }: { database?: string; timeoutMs?: number } = {},
): Promise<string> {
  const args = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", localUrl(adminUrl, database)];
  for (const statement of statements) args.push("-c", statement);
  const { stdout } = await run("psql", args, { timeout: timeoutMs, killSignal: "SIGKILL" });
  return stdout.trim();
}

export type ScratchDatabase = {
  name: string;
  /** Made on a Citus cluster (distributed by tenant). */
  citus: boolean;
  /** Its address for a role (the owner for migrations, the app role for everything else). */
  urlAs: (role: string) => string;
  /** Drops it, or with `keep` leaves it and says where it is. */
  drop: () => Promise<void>;
};

/**
 * A fresh, migrated database owned by `roles.owner`. On a Citus coordinator (the citus extension
 * in its postgres database) it is made on every node and prepared so that its migrations
 * distribute each table (infra/citus), and dropped on every node: the benchmarks then measure
 * the distributed schema, side by side with one PostgreSQL.
 */
export async function createScratchDatabase(
  adminUrl: string,
  roles: { owner: string; app: string },
  { keep = false }: { keep?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = `rdlink_bench_${randomBytes(6).toString("hex")}`;
  await psql(adminUrl, [
    `select pg_advisory_lock(${ROLES_LOCK})`,
    ensureRolesStatement(roles.owner, roles.app),
    `select pg_advisory_unlock(${ROLES_LOCK})`,
  ]);
  const citus = (await psql(adminUrl, ["select count(*) from pg_extension where extname = 'citus'"])) === "1";
  if (citus) await createCitusDatabase(adminUrl, name, roles.owner);
  else await psql(adminUrl, [`create database ${name} owner ${roles.owner}`]);
  const scratch: ScratchDatabase = {
    name,
    citus,
    urlAs: (role) => localUrl(adminUrl, name, role),
    drop: async () => {
      if (keep) console.log(`kept database ${name}: ${localUrl(adminUrl, name, roles.app)}`);
      else if (citus) await dropCitusDatabase(adminUrl, name);
      else await psql(adminUrl, [`drop database if exists ${name} with (force)`]);
    },
  };
  try {
    await migratePostgresDatabase(scratch.urlAs(roles.owner));
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  return scratch;
}
