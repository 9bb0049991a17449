import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import type { Database } from "../database";
import { migratePostgresDatabase, openPglite, openPostgres } from "../open-database";
import type { DriverName } from "../types";
import { createCitusDatabase, dropCitusDatabase } from "./citus";
import { TEST_APP_ROLE, TEST_OWNER_ROLE } from "./global-setup";

/**
 * The drivers integration tests run on: PGlite and, when a server answers, PostgreSQL.
 * TEST_DRIVERS=postgres keeps the server alone: CI's second pass under faketime, where only a
 * server with its own clock can show the product mixing the two clocks (README, Testing).
 */
export function testDrivers(): DriverName[] {
  // On a Citus coordinator (pnpm test:citus) the embedded database would only repeat itself.
  if (inject("citus")) return ["postgres"];
  const drivers: DriverName[] = inject("pgAdminUrl") ? ["pglite", "postgres"] : ["pglite"];
  const only = inject("onlyDrivers")?.split(",");
  return only ? drivers.filter((driver) => only.includes(driver)) : drivers;
}

export type TestDatabase = {
  db: Database;
  /** Runs SQL as the owner that applied the migrations (for catalog checks). */
  asOwner<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T>;
  /** Connection string of the app's login role (postgres only). */
  appUrl?: string;
  drop(): Promise<void>;
};

/** A freshly migrated, empty database of its own for one test file. */
export async function createTestDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === "pglite") {
    const db = await openPglite();
    return {
      db,
      asOwner: () => {
        throw new Error("asOwner is for PostgreSQL test databases");
      },
      drop: () => db.close(),
    };
  }
  const adminUrl = inject("pgAdminUrl");
  if (!adminUrl) throw new Error("No PostgreSQL for this test run");
  const name = `rdlink_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (inject("citus")) await createCitusDatabase(adminUrl, name, TEST_OWNER_ROLE);
  else await admin.unsafe(`create database ${name} owner ${TEST_OWNER_ROLE}`);
  const ownerUrl = withLogin(adminUrl, TEST_OWNER_ROLE, name);
  const appUrl = withLogin(adminUrl, TEST_APP_ROLE, name);
  await migratePostgresDatabase(ownerUrl);
  const db = await openPostgres({ url: appUrl, max: 4 });
  return {
    db,
    appUrl,
    async asOwner(work) {
      const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
      try {
        return await work(owner);
      } finally {
        await owner.end({ timeout: 1 });
      }
    },
    async drop() {
      await db.close();
      if (inject("citus")) await dropCitusDatabase(adminUrl, name);
      else await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

function withLogin(url: string, role: string, database: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = role;
  u.pathname = `/${database}`;
  return u.toString();
}
