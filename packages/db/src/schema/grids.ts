import { foreignKey, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { communities } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** 网格: a small area of a community that deputies cover. */
export const grids = pgTable(
  "grids",
  {
    ...tenantColumns,
    communityId: uuid().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.communityId], foreignColumns: [communities.tenantId, communities.id] }),
    unique().on(t.tenantId, t.communityId, t.name),
    tenantIsolationPolicy(),
  ],
);

export const gridDeputies = pgTable(
  "grid_deputies",
  {
    tenantId: tenantColumns.tenantId,
    gridId: uuid().notNull(),
    deputyId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.gridId, t.deputyId] }),
    foreignKey({ columns: [t.tenantId, t.gridId], foreignColumns: [grids.tenantId, grids.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }).onDelete(
      "cascade",
    ),
    tenantIsolationPolicy(),
  ],
);
