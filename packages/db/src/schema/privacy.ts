import { foreignKey, integer, pgTable, primaryKey, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/**
 * A county's rules for citizens' personal data (个人信息保护法): how many months after a case closes
 * its citizen's name and phone are kept. One row per county; none means the product's default.
 */
export const privacySettings = pgTable(
  "privacy_settings",
  {
    ...tenantColumns,
    retentionMonths: integer().notNull(),
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
