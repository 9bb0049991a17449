import path from "node:path";
import { env } from "@rdlink/env";
import type { Database } from "./database";
import { migratePostgresDatabase, openPglite, openPostgres } from "./open-database";

/**
 * DATABASE_URL set: postgres.js as the app's login role, migrating first through
 * MIGRATE_DATABASE_URL when that is given. Unset: PGlite in DATA_DIR, migrated in place.
 * Either way the roles are checked before anything is served.
 */
export async function openConfiguredDatabase(): Promise<Database> {
  const { DATABASE_URL, MIGRATE_DATABASE_URL, DATA_DIR } = env();
  let db: Database;
  if (DATABASE_URL) {
    if (MIGRATE_DATABASE_URL) await migratePostgresDatabase(MIGRATE_DATABASE_URL);
    db = await openPostgres({ url: DATABASE_URL });
  } else {
    db = await openPglite({ dataDir: path.join(DATA_DIR, "pglite") });
  }
  try {
    await db.assertRolesCannotBypassRls();
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
