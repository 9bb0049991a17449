import { foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** 承办单位: a government department that handles and answers cases. */
export const handlingUnits = pgTable(
  "handling_units",
  {
    ...tenantColumns,
    name: text().notNull(),
    /** What it handles, e.g. "城乡建设、住房保障", shown when assigning a case. */
    duties: text(),
    address: text(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

/** The contact people of a handling unit (not necessarily users of the platform). */
export const handlingUnitContacts = pgTable(
  "handling_unit_contacts",
  {
    ...tenantColumns,
    handlingUnitId: uuid().notNull(),
    name: text().notNull(),
    /** e.g. 办公室主任 */
    title: text(),
    /** Full number; lists and APIs show it masked, revealing it is audited. */
    phone: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.handlingUnitId],
      foreignColumns: [handlingUnits.tenantId, handlingUnits.id],
    }).onDelete("cascade"),
    index().on(t.tenantId, t.handlingUnitId),
    tenantIsolationPolicy(),
  ],
);
