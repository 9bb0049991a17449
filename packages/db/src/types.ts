import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;

/** A transaction running as the app role (app_user), under row-level security. */
export type AppTx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** A transaction bound to one tenant: tenant tables show and accept only that tenant's rows. */
export type TenantTx = AppTx & { readonly tenantId: string };

export type DriverName = "pglite" | "postgres";
