import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./platform";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** A deputy of any level "in station" in this county (人大代表). */
export const deputies = pgTable(
  "deputies",
  {
    ...tenantColumns,
    name: text().notNull(),
    level: text({ enum: ["national", "provincial", "municipal", "county", "township"] }).notNull(),
    term: text(),
    constituency: text(),
    townshipId: uuid().notNull(),
    sector: text(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    /** Full number; lists and APIs show it masked, revealing it is audited. */
    phone: text(),
    gender: text({ enum: ["male", "female"] }),
    userId: uuid().references(() => users.id),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    index().on(t.tenantId, t.townshipId),
    index().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);
