import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";
import { cases } from "./workflows";

/**
 * A county's signed webhook: every step of its cases is POSTed to `url` (a 12345 hotline, the
 * county's OA system), signed with HMAC-SHA256 under `secret` — sealed with COUNTY_SECRETS_KEY,
 * since signing needs the secret itself, and shown to the admin once.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    ...tenantColumns,
    name: text().notNull(),
    url: text().notNull(),
    secretSealed: text().notNull(),
    active: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;

/**
 * One case event to send to one webhook, queued by a trigger on case_events in the step's own
 * transaction (the outbox pattern: no event is lost or sent for a step that rolled back) and
 * sent by the worker with retries and backoff. The delivery log the county's API page shows.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    ...tenantColumns,
    webhookId: uuid().notNull(),
    caseId: uuid().notNull(),
    seq: integer().notNull(),
    status: text({ enum: webhookDeliveryStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    /** The receiver's HTTP status of the last attempt, or null when it could not be reached. */
    lastStatus: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.webhookId], foreignColumns: [webhooks.tenantId, webhooks.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique().on(t.tenantId, t.webhookId, t.caseId, t.seq),
    index().on(t.tenantId, t.status, t.nextAttemptAt),
    index().on(t.tenantId, t.webhookId, t.createdAt),
    tenantIsolationPolicy(),
  ],
);
