import { roles } from "@rdlink/vocabulary/roles";
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
import { handlingUnits } from "./handling-units";
import { tenants, users } from "./platform";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

export { roles, type TRole } from "@rdlink/vocabulary/roles";

/** Townships and streets (乡镇/街道) of a county. */
export const townships = pgTable(
  "townships",
  {
    ...tenantColumns,
    /** GB/T 2260 nine-digit code; NULL for a township the county added by hand. */
    divisionCode: text(),
    name: text().notNull(),
    kind: text({ enum: ["town", "township", "street", "other"] }).notNull(),
    sortOrder: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    unique().on(t.tenantId, t.divisionCode),
    tenantIsolationPolicy(),
  ],
);

/** Villages and urban communities (村/社区) under a township. */
export const communities = pgTable(
  "communities",
  {
    ...tenantColumns,
    townshipId: uuid().notNull(),
    divisionCode: text(),
    name: text().notNull(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    unique().on(t.tenantId, t.townshipId, t.name),
    tenantIsolationPolicy(),
  ],
);

/** A user's role in a tenant. Township-scoped roles list their townships in membership_townships. */
export const memberships = pgTable(
  "memberships",
  {
    ...tenantColumns,
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: text({ enum: roles }).notNull(),
    /** The unit a handling-unit responder answers for; they see only its cases. */
    handlingUnitId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.handlingUnitId], foreignColumns: [handlingUnits.tenantId, handlingUnits.id] }),
    unique().on(t.tenantId, t.userId, t.role),
    index().on(t.userId),
    tenantIsolationPolicy(),
  ],
);

export const membershipTownships = pgTable(
  "membership_townships",
  {
    tenantId: tenantColumns.tenantId,
    membershipId: uuid().notNull(),
    townshipId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId, t.townshipId] }),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    tenantIsolationPolicy(),
  ],
);

/** One-time invitation: the invitee sets a password on first visit. Only the secret's hash is kept. */
export const invitations = pgTable(
  "invitations",
  {
    ...tenantColumns,
    userId: uuid()
      .notNull()
      .references(() => users.id),
    secretHash: text().notNull(),
    invitedBy: uuid().references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revoked: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);

/**
 * A county's named group of its users (信访办, 法工委, 督办组): a workflow step can be on a
 * team's desk and name the teams that may take it. Definitions refer to a team by its `key`,
 * which never changes; its name is what people see and may be renamed.
 */
export const teams = pgTable(
  "teams",
  {
    ...tenantColumns,
    key: text().notNull(),
    name: text().notNull(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.key),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    tenantId: tenantColumns.tenantId,
    teamId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.teamId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }).onDelete("cascade"),
    index().on(t.tenantId, t.userId),
    tenantIsolationPolicy(),
  ],
);
