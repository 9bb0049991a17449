import {
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { users } from "./platform";
import { stationTypes } from "./templates";
import { communities, townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** 联络站 and the other station types, under a township. */
export const stations = pgTable(
  "stations",
  {
    ...tenantColumns,
    stationTypeId: uuid().notNull(),
    townshipId: uuid().notNull(),
    communityId: uuid(),
    /** Short code of the public intake page, `/s/<county division code>-<code>`: printed on posters, never changed. */
    code: text().notNull(),
    name: text().notNull(),
    address: text(),
    /** Map point (WGS-84), optional. */
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    headDeputyId: uuid(),
    theme: text(),
    /** e.g. "每月15日" */
    receptionSchedule: text(),
    /** "联络站+N": 党建, 关工委, 老年协会, 妇联, 三官一员 … */
    partners: jsonb().$type<string[]>().notNull().default([]),
    customValues: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text({ enum: ["planned", "active", "closed"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.stationTypeId], foreignColumns: [stationTypes.tenantId, stationTypes.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    foreignKey({ columns: [t.tenantId, t.communityId], foreignColumns: [communities.tenantId, communities.id] }),
    foreignKey({ columns: [t.tenantId, t.headDeputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    unique().on(t.tenantId, t.townshipId, t.name),
    unique().on(t.tenantId, t.code),
    index().on(t.tenantId, t.townshipId),
    tenantIsolationPolicy(),
  ],
);

/** The 1–2 liaison officers (users) of a station. */
export const stationLiaisons = pgTable(
  "station_liaisons",
  {
    tenantId: tenantColumns.tenantId,
    stationId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.stationId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }).onDelete(
      "cascade",
    ),
    tenantIsolationPolicy(),
  ],
);

/** Deputies assigned to a station (进站). */
export const deputyStations = pgTable(
  "deputy_stations",
  {
    tenantId: tenantColumns.tenantId,
    deputyId: uuid().notNull(),
    stationId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.deputyId, t.stationId] }),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }).onDelete(
      "cascade",
    ),
    index().on(t.tenantId, t.stationId),
    tenantIsolationPolicy(),
  ],
);

/** Checklist compliance of a station, item by item, with evidence. */
export const stationChecklistItems = pgTable(
  "station_checklist_items",
  {
    tenantId: tenantColumns.tenantId,
    stationId: uuid().notNull(),
    item: text().notNull(),
    met: text({ enum: ["yes", "no", "partly"] }).notNull(),
    note: text(),
    photoIds: jsonb().$type<string[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.stationId, t.item] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }).onDelete(
      "cascade",
    ),
    tenantIsolationPolicy(),
  ],
);
