import {
  date,
  doublePrecision,
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
import { activityKinds } from "../activity-kinds";
import { tenants, users } from "./platform";
import { dutyPosts, stationTypes } from "./templates";
import { communities, townships } from "./tenancy";
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

/** The duty posts a station offers (or once offered), from the county's catalog. */
export const stationPosts = pgTable(
  "station_posts",
  {
    tenantId: tenantColumns.tenantId,
    stationId: uuid().notNull(),
    postId: uuid().notNull(),
    /** No longer offered; the row stays so that the post's claims keep their history. */
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.stationId, t.postId] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.tenantId, t.postId], foreignColumns: [dutyPosts.tenantId, dutyPosts.id] }),
    tenantIsolationPolicy(),
  ],
);

/** A deputy's claim (认领) of a post at a station; the township approves or declines. History is kept. */
export const postClaims = pgTable(
  "post_claims",
  {
    ...tenantColumns,
    stationId: uuid().notNull(),
    postId: uuid().notNull(),
    deputyId: uuid().notNull(),
    statement: text().notNull(),
    status: text({ enum: ["pending", "approved", "declined", "ended"] })
      .notNull()
      .default("pending"),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    endedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.stationId, t.postId],
      foreignColumns: [stationPosts.tenantId, stationPosts.stationId, stationPosts.postId],
    }),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    index().on(t.tenantId, t.stationId),
    tenantIsolationPolicy(),
  ],
);

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

export { activityKinds, ledgerFigures, type TActivityKind, type TLedgerFigure } from "../activity-kinds";

/** 履职台账: reception days, visits, trainings, mediations, consultations, post service … */
export const activities = pgTable(
  "activities",
  {
    ...tenantColumns,
    stationId: uuid().notNull(),
    /** The station's township, copied so township lists and counts need no join. */
    townshipId: uuid().notNull(),
    kind: text({ enum: activityKinds }).notNull(),
    day: date({ mode: "string" }).notNull(),
    /** 接待人次 */
    peopleReceived: integer().notNull().default(0),
    /** 调解矛盾纠纷 (起) */
    disputesMediated: integer().notNull().default(0),
    /** 安排就业 (人次) */
    jobsArranged: integer().notNull().default(0),
    /** The duty post served, for post service (岗位服务). */
    postId: uuid(),
    summary: text().notNull(),
    photoIds: jsonb().$type<string[]>().notNull().default([]),
    recordedBy: uuid().references(() => users.id),
    /**
     * Written by a step of a case (a mediation that reached agreement), not by hand: the case
     * and the event's seq. One entry per event, so a figure is never counted twice.
     */
    caseId: uuid(),
    caseSeq: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }),
    unique().on(t.tenantId, t.caseId, t.caseSeq, t.kind),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    foreignKey({ columns: [t.tenantId, t.postId], foreignColumns: [dutyPosts.tenantId, dutyPosts.id] }),
    // The ledger lists newest first (day, then entry time) a page at a time: with the order in
    // the index, a page reads its 50 rows instead of sorting the whole period.
    index().on(t.tenantId, t.stationId, t.day, t.createdAt),
    index().on(t.tenantId, t.townshipId, t.day, t.createdAt),
    index().on(t.tenantId, t.day, t.createdAt),
    tenantIsolationPolicy(),
  ],
);

export const activityDeputies = pgTable(
  "activity_deputies",
  {
    tenantId: tenantColumns.tenantId,
    activityId: uuid().notNull(),
    deputyId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.deputyId] }),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    tenantIsolationPolicy(),
  ],
);
