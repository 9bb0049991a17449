import type { PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

/**
 * No relational schema: drizzle's `tx.query.<table>` API is unused here, and with a schema every
 * transaction built one query builder per table (72 of them, 18 µs) before its first statement.
 */
export type Schema = Record<string, never>;

/** A transaction running as the app role (app_user), under row-level security. */
export type AppTx = PgTransaction<PgQueryResultHKT, Schema>;

/** A transaction bound to one tenant: tenant tables show and accept only that tenant's rows. */
export type TenantTx = AppTx & { readonly tenantId: string };

export type DriverName = "pglite" | "postgres";
