import { readKnobs, textKnob } from "@rdlink/env/knobs";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { ensureRolesStatement, ROLES_LOCK } from "./roles";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin connection to a real PostgreSQL for integration tests, or null when none answers. */
    pgAdminUrl: string | null;
    /** Whether that server is a Citus coordinator: test databases are then made on every node. */
    citus: boolean;
    /** TEST_DRIVERS (e.g. `postgres`): the only drivers integration tests run on, or null for all. */
    onlyDrivers: string | null;
  }
}

export const TEST_OWNER_ROLE = "rdlink_test_owner";
export const TEST_APP_ROLE = "rdlink_test_app";
const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Finds the real PostgreSQL (TEST_DATABASE_URL, else the local server) and makes the
 * cluster-wide roles once, before test files run in parallel: the owner that migrations
 * run as, app_user (with app_worker, the worker's cross-tenant scan role), and a login
 * role in app_user that the app connects as.
 * On CI a missing server fails the run instead of quietly testing PGlite alone.
 */
export default async function setup(project: TestProject) {
  const knobs = readKnobs({
    databaseUrl: textKnob("TEST_DATABASE_URL", ""),
    drivers: textKnob("TEST_DRIVERS", ""),
    ci: textKnob("CI", ""),
  });
  const url = knobs.databaseUrl || LOCAL_SERVER;
  project.provide("onlyDrivers", knobs.drivers || null);
  const admin = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 });
    if (knobs.ci || knobs.databaseUrl) {
      throw new Error(`PostgreSQL at ${redact(url)} does not answer: ${(error as Error).message}`);
    }
    console.warn(`[tests] no PostgreSQL at ${redact(url)}: integration tests run on PGlite only`);
    project.provide("pgAdminUrl", null);
    project.provide("citus", false);
    return;
  }
  try {
    await admin`select pg_advisory_lock(${ROLES_LOCK})`;
    await admin.unsafe(ensureRolesStatement(TEST_OWNER_ROLE, TEST_APP_ROLE));
    await admin`select pg_advisory_unlock(${ROLES_LOCK})`;
    const [citus] = await admin`select 1 from pg_extension where extname = 'citus'`;
    project.provide("citus", Boolean(citus));
  } finally {
    await admin.end({ timeout: 1 });
  }
  project.provide("pgAdminUrl", url);
}

function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
