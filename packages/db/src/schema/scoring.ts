import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/**
 * 考核细则: one of a county's rules scoring its deputies' 履职档案 (decision 0027). `figure` is one of
 * the record's figure keys (core checks it); points per unit, an optional cap (最高分), and an
 * optional monthly minimum (每月至少 n 次) with the points deducted for each month it is missed.
 */
export const deputyScoringRules = pgTable(
  "deputy_scoring_rules",
  {
    ...tenantColumns,
    figure: text().notNull(),
    points: numeric({ precision: 5, scale: 1, mode: "number" }).notNull(),
    cap: numeric({ precision: 6, scale: 1, mode: "number" }),
    monthlyMinimum: integer(),
    monthlyDeduction: numeric({ precision: 5, scale: 1, mode: "number" }),
    sortOrder: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    check("deputy_scoring_rules_points", sql`${t.points} > 0`),
    tenantIsolationPolicy(),
  ],
);

/** One line of a published table: a deputy, their rank and score, and each rule's explanation. */
export type TPublishedScoreRow = {
  deputyId: string;
  name: string;
  townshipName: string;
  rank: number;
  score: number;
  lines: string[];
};

/**
 * 年度考核表, published: the ranked table frozen as it was published (rows and their explanation
 * lines, and the rules then in force), so later rule changes leave it alone. Unpublishing deletes it.
 */
export const deputyScoreTables = pgTable(
  "deputy_score_tables",
  {
    ...tenantColumns,
    year: integer().notNull(),
    rules: jsonb().$type<string[]>().notNull(),
    rows: jsonb().$type<TPublishedScoreRow[]>().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedBy: uuid().references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.year),
    tenantIsolationPolicy(),
  ],
);
