import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { users } from "./platform";
import { stations } from "./stations";
import { dutyPosts } from "./templates";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

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
