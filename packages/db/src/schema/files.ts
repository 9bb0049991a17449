import { foreignKey, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** Files uploaded by staff (photos as evidence), stored under generated names. */
export const files = pgTable(
  "files",
  {
    ...tenantColumns,
    storedName: text().notNull(),
    mimeType: text().notNull(),
    bytes: integer().notNull(),
    width: integer(),
    height: integer(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);
