// `pnpm db:migrate`: applies the checked-in migrations to DATABASE_URL
// (or MIGRATE_DATABASE_URL, the owner's connection, when the app logs in as a lesser role).
import { env } from "@rdlink/env";
import { migratePostgresDatabase } from "../open-database";

const { DATABASE_URL, MIGRATE_DATABASE_URL } = env();
const target = MIGRATE_DATABASE_URL ?? DATABASE_URL;
if (!target) {
  console.error("Set DATABASE_URL (or MIGRATE_DATABASE_URL). The embedded database migrates itself on `pnpm start`.");
  process.exit(1);
}
await migratePostgresDatabase(target);
console.log(`Migrations applied to ${new URL(target).pathname.slice(1)}.`);
