import { activityKinds } from "@rdlink/vocabulary/activity-kinds";
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { users } from "./platform";
import { stations } from "./stations";
import { dutyPosts } from "./templates";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

export {
  activityKinds,
  ledgerFigures,
  type TActivityKind,
  type TLedgerFigure,
} from "@rdlink/vocabulary/activity-kinds";

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
    // What activity_deputies copies, as the key its foreign key references (decision 0031).
    unique("activities_attendance_key").on(t.tenantId, t.id, t.day, t.kind, t.peopleReceived),
    tenantIsolationPolicy(),
  ],
);

export const activityDeputies = pgTable(
  "activity_deputies",
  {
    tenantId: tenantColumns.tenantId,
    activityId: uuid().notNull(),
    deputyId: uuid().notNull(),
    /**
     * The entry's day, kind and 接待人次, copied so a 履职档案 counts a county's year from this table
     * alone (decision 0031). The foreign key below includes them: PostgreSQL refuses a copy that
     * differs from the entry, and an edit of the entry while attendances still hold the old values.
     */
    day: date({ mode: "string" }).notNull(),
    kind: text({ enum: activityKinds }).notNull(),
    peopleReceived: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.deputyId] }),
    foreignKey({
      name: "activity_deputies_attendance_fk",
      columns: [t.tenantId, t.activityId, t.day, t.kind, t.peopleReceived],
      foreignColumns: [activities.tenantId, activities.id, activities.day, activities.kind, activities.peopleReceived],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    // A county's or a township's year of 履职档案, and one deputy's.
    index().on(t.tenantId, t.day),
    index().on(t.tenantId, t.deputyId, t.day),
    // The 考核's months of one kind (接待日 each month) and a county sorted by one kind: read from
    // the index alone (decision 0033).
    index("activity_deputies_kind_day_index").on(t.tenantId, t.kind, t.day, t.deputyId),
    tenantIsolationPolicy(),
  ],
);
