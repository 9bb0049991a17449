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
import { users } from "./platform";
import { stations } from "./stations";
import { checklists } from "./templates";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** An item a review scores: one of the standard's (十有…) or one of the 五大功能, with its full marks. */
export type StationReviewItem = { name: string; kind: "standard" | "function"; maxScore: number };

export const stationReviewStatuses = ["open", "closed"] as const;
export const modelStationLevels = ["county", "city", "province"] as const;

/**
 * 示范站评审 (履职平台示范建设评审): the county reviews its stations against a standard and the
 * 五大功能, two reviewers scoring every item; then it names 示范站 and sends the weak to 整改.
 */
export const stationReviews = pgTable(
  "station_reviews",
  {
    ...tenantColumns,
    year: integer().notNull(),
    title: text().notNull(),
    checklistId: uuid().notNull(),
    /** The standard's name and items as they were when the review opened. */
    standardName: text().notNull(),
    items: jsonb().$type<StationReviewItem[]>().notNull(),
    /** The two county accounts that score every item (decision 0029: a station's item score is their average). */
    reviewerAId: uuid()
      .notNull()
      .references(() => users.id),
    reviewerBId: uuid()
      .notNull()
      .references(() => users.id),
    status: text({ enum: stationReviewStatuses }).notNull().default("open"),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.checklistId], foreignColumns: [checklists.tenantId, checklists.id] }),
    unique().on(t.tenantId, t.year, t.title),
    tenantIsolationPolicy(),
  ],
);

/** A station in a review, and what the county decided for it: 示范站 (level, year) or 整改 by a deadline. */
export const stationReviewStations = pgTable(
  "station_review_stations",
  {
    ...tenantColumns,
    reviewId: uuid().notNull(),
    stationId: uuid().notNull(),
    townshipId: uuid().notNull(),
    outcome: text({ enum: ["model", "rectify"] }),
    modelLevel: text({ enum: modelStationLevels }),
    modelYear: integer(),
    rectifyBy: date({ mode: "string" }),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.reviewId], foreignColumns: [stationReviews.tenantId, stationReviews.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    unique().on(t.tenantId, t.reviewId, t.stationId),
    index().on(t.tenantId, t.stationId),
    tenantIsolationPolicy(),
  ],
);

/**
 * One item at one station in a review: the township's evidence as submitted (a snapshot of the
 * station's checklist record, so later edits do not change what was scored), the two scores,
 * and the reason when it was returned for more evidence.
 */
export const stationReviewItems = pgTable(
  "station_review_items",
  {
    ...tenantColumns,
    reviewId: uuid().notNull(),
    stationId: uuid().notNull(),
    item: text().notNull(),
    met: text({ enum: ["yes", "no", "partly"] }),
    note: text(),
    photoIds: jsonb().$type<string[]>().notNull().default([]),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => users.id),
    scoreA: doublePrecision(),
    scoreB: doublePrecision(),
    returnedReason: text(),
    returnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.reviewId], foreignColumns: [stationReviews.tenantId, stationReviews.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }),
    unique().on(t.tenantId, t.reviewId, t.stationId, t.item),
    tenantIsolationPolicy(),
  ],
);
