import { foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";
import type { TTemplateOrigin } from "./template-library";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** A station standard such as "十有" or "五有": a named list of items. */
export const checklists = pgTable(
  "checklists",
  {
    ...tenantColumns,
    name: text().notNull(),
    items: jsonb().$type<string[]>().notNull(),
    archivedAt: timestamp({ withTimezone: true }),
    /** Copied from the platform's template library (null when the county made it). */
    templateOrigin: jsonb().$type<TTemplateOrigin>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

/** 联络站, 代表之家, 基层立法联系点 …: each county keeps its own list. */
export const stationTypes = pgTable(
  "station_types",
  {
    ...tenantColumns,
    name: text().notNull(),
    checklistId: uuid(),
    /** Extra fields its stations carry (a @rdlink/forms field list). Removed fields keep their values. */
    customFields: jsonb().$type<unknown[]>().notNull().default([]),
    /** What a citizen fills in on its stations' public intake page (a @rdlink/forms field list). */
    intakeFields: jsonb().$type<unknown[]>().notNull().default([]),
    /**
     * The workflow its stations' QR codes start (an opinion workflow of the county's); null for
     * the county's first opinion workflow. Its foreign key is in the migration (workflows are
     * declared after station types).
     */
    intakeWorkflowId: uuid(),
    sortOrder: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    /** Copied from the platform's template library (null when the county made it). */
    templateOrigin: jsonb().$type<TTemplateOrigin>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.checklistId], foreignColumns: [checklists.tenantId, checklists.id] }),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

/** The county's catalog of duty posts ("十大岗位") that deputies claim at stations. */
export const dutyPosts = pgTable(
  "duty_posts",
  {
    ...tenantColumns,
    name: text().notNull(),
    /** What a deputy in this post does, shown when claiming it. */
    description: text(),
    sortOrder: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    /** Copied from the platform's template library (null when the county made it). */
    templateOrigin: jsonb().$type<TTemplateOrigin>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);
