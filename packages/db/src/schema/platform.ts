import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./tenant-table";

/* Global tables: the platform's own, not owned by any tenant (see GLOBAL_TABLES). */

export const tenantStatuses = ["active", "suspended"] as const;
export type TTenantStatus = (typeof tenantStatuses)[number];

/** A county-level people's congress: one tenant. */
export const tenants = pgTable("tenants", {
  id: uuid().primaryKey().defaultRandom(),
  /** GB/T 2260 six-digit code of the county-level division. */
  divisionCode: text().notNull().unique(),
  name: text().notNull(),
  provinceName: text().notNull(),
  cityName: text().notNull(),
  status: text({ enum: tenantStatuses }).notNull().default("active"),
  statusChangedAt: timestamp({ withTimezone: true }),
  /** When the county's whole data was last exported (offboarding asks for one after suspension). */
  exportedAt: timestamp({ withTimezone: true }),
  /** Set while the county is to be deleted: when its rows and files go (deleteDueCounties). */
  deletionDueAt: timestamp({ withTimezone: true }),
  /**
   * The template set version the county was onboarded from (template_set_versions; no foreign
   * key, as a county moved from another deployment keeps the one it had there).
   */
  templateSetVersionId: uuid(),
  createdAt: createdAt(),
});

/** Identities. Roles live in tenant memberships; platform staff carry `platformRole`. */
export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  /** Lower-cased sign-in name, unique across the platform. */
  username: text().notNull().unique(),
  displayName: text().notNull(),
  /** Argon2id; NULL until the invitation is accepted. */
  passwordHash: text(),
  /** The county this person works for; NULL for platform staff. */
  homeTenantId: uuid().references(() => tenants.id),
  platformRole: text({ enum: ["operator"] }),
  disabledAt: timestamp({ withTimezone: true }),
  passwordChangedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
});

/** Server-side sessions (Lucia's design): only the SHA-256 of the secret is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    secretHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

/** Failed sign-in counters per account name and per IP address. */
export const loginThrottles = pgTable("login_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Audit of what happens outside any tenant: platform staff, unknown sign-in names. Append-only and
 * hash-chained like a county's log (one chain for the platform): `seq`, `prev_hash` and `hash` are
 * set by the platform_audit_log_chain trigger, never by the app.
 */
export const platformAuditLog = pgTable(
  "platform_audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** Position in the platform's hash chain, from 1. */
    seq: bigint({ mode: "number" }).notNull().default(0),
    at: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
    actorUserId: uuid(),
    actorName: text(),
    action: text().notNull(),
    objectType: text(),
    objectId: text(),
    tenantId: uuid(),
    ip: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    prevHash: text().notNull().default(""),
    hash: text().notNull().default(""),
  },
  (t) => [index().on(t.at), uniqueIndex().on(t.seq)],
);
