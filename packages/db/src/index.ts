export {
  commitWithNextStatement,
  Database,
  enterTenant,
  selectRows,
  TenantIdError,
  type TransactionOptions,
  UnsafeDatabaseRoleError,
} from "./database";
export { DatabaseUnavailableError, isConnectionFailure } from "./database-unavailable";
export { GLOBAL_TABLES } from "./global-tables";
export { getDatabase, setDatabase } from "./instance";
export { openConfiguredDatabase } from "./open-configured-database";
export { MIGRATIONS_FOLDER, migratePostgresDatabase, openPglite, openPostgres } from "./open-database";
export { postgresTarget } from "./postgres-target";
export { QueryShapes } from "./query-shapes";
export * from "./schema";
export type { AppTx, DriverName, TenantTx } from "./types";
