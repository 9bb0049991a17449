import {
  foreignKey,
  index,
  integer,
  jsonb,
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

/** In-app notifications (the bell): new work, warnings and escalations, per user. */
export const notifications = pgTable(
  "notifications",
  {
    ...tenantColumns,
    userId: uuid()
      .notNull()
      .references(() => users.id),
    caseId: uuid(),
    /** A message template key, e.g. `case.assigned`, with its parameters. */
    template: text().notNull(),
    params: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** The outbox row it was delivered for: delivering twice makes one notification. */
    outboxId: uuid(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index().on(t.tenantId, t.userId, t.createdAt),
    unique().on(t.tenantId, t.outboxId, t.userId),
    tenantIsolationPolicy(),
  ],
);

/** Keys other systems (e.g. a 12345 hotline) submit cases with; only a hash of the secret is kept. */
export const apiKeys = pgTable(
  "api_keys",
  {
    ...tenantColumns,
    name: text().notNull(),
    /** SHA-256 of the secret part, hex. */
    secretHash: text().notNull(),
    createdBy: uuid().references(() => users.id),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);

/**
 * Fixed-window counters for the public intake's rate limits (per address, per station).
 * Global: the address limit applies before any county is known. Keys hold a keyed hash
 * of the address, never the address itself, and rows expire with their window.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

/**
 * A county's Tencent Cloud SMS account (one row per county, `id` unused beyond the key): how its
 * citizens hear back. The SecretId and SecretKey are kept only encrypted (AES-256-GCM under
 * COUNTY_SECRETS_KEY, bound to the county and the field); `secretIdHint` is what the page shows.
 * No row: the county's citizen messages go to the log channel, as before.
 */
export const smsSettings = pgTable(
  "sms_settings",
  {
    ...tenantColumns,
    secretIdCiphertext: text().notNull(),
    /** `AKID…` shortened to its first and last four characters. */
    secretIdHint: text().notNull(),
    secretKeyCiphertext: text().notNull(),
    sdkAppId: text().notNull(),
    signName: text().notNull(),
    region: text().notNull(),
    /** The template per public step; each has one parameter, the tracking code. */
    templateSubmitted: text().notNull(),
    templateAssigned: text().notNull(),
    templateAnswered: text().notNull(),
    templateClosed: text().notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId),
    tenantIsolationPolicy(),
  ],
);
