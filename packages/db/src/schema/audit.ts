import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "./platform";
import { tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/**
 * Append-only: the app role may INSERT and SELECT, nothing else, and a trigger
 * refuses UPDATE and DELETE for everyone. Each row's hash covers the previous
 * row's hash, so a row changed behind the app's back breaks the chain.
 * `seq`, `prev_hash` and `hash` are set by the audit_log_chain trigger, never by the app.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    ...tenantColumns,
    /** Position in the tenant's hash chain, from 1. */
    seq: bigint({ mode: "number" }).notNull().default(0),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorName: text(),
    action: text().notNull(),
    objectType: text(),
    objectId: text(),
    ip: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    prevHash: text().notNull().default(""),
    hash: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex().on(t.tenantId, t.seq),
    index().on(t.tenantId, t.at),
    tenantIsolationPolicy(),
  ],
);
