import { sql } from "drizzle-orm";
import { pgPolicy, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The tenant the current transaction runs for, or NULL when none is set.
 * NULLIF: once a pooled session has had the setting, it reads '' rather than NULL.
 */
export const currentTenantId = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Columns every tenant-owned table starts with. `tenant_id` defaults to the
 * transaction's tenant so inserts cannot forget it; RLS's WITH CHECK refuses any other.
 */
export const tenantColumns = {
  tenantId: uuid().notNull().default(currentTenantId),
  id: uuid().notNull().defaultRandom(),
};

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** USING and WITH CHECK: a row is visible and writable only inside its tenant's transaction. */
export const tenantIsolationPolicy = () =>
  pgPolicy("tenant_isolation", {
    as: "permissive",
    for: "all",
    using: sql`tenant_id = ${currentTenantId}`,
    withCheck: sql`tenant_id = ${currentTenantId}`,
  });
