import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { handlingUnits } from "./handling-units";
import { tenants, users } from "./platform";
import { teams } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";
import { cases } from "./workflows";

/** A session of the county's people's congress (届次/会次), e.g. 第十七届人民代表大会第三次会议. */
export const congressSessions = pgTable(
  "congress_sessions",
  {
    ...tenantColumns,
    name: text().notNull(),
    /** 届 and 次: the 17th congress's 3rd session; they order the sessions. */
    term: integer().notNull(),
    meeting: integer().notNull(),
    opensOn: date({ mode: "string" }).notNull(),
    closesOn: date({ mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    unique().on(t.tenantId, t.term, t.meeting),
    tenantIsolationPolicy(),
  ],
);

/**
 * 代表建议: what a suggestion is besides its case (the case is the process, its title, category and
 * content): the session it was handed in at, its number there, the proposing deputies.
 */
export const suggestions = pgTable(
  "suggestions",
  {
    ...tenantColumns,
    caseId: uuid().notNull(),
    sessionId: uuid().notNull(),
    /** 建议编号, unique within the session. */
    number: text().notNull(),
    /** 界别/行业 the suggestion concerns, as the congress office files it. */
    sector: text(),
    receivedOn: date({ mode: "string" }).notNull(),
    /** 领衔代表: rates the answer (the case's deputy). */
    leadDeputyId: uuid().notNull(),
    /** 附议代表. */
    coDeputyIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** How it came in: entered by staff, submitted by the deputy, imported from the session's file. */
    source: text({ enum: ["staff", "deputy", "import"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.sessionId],
      foreignColumns: [congressSessions.tenantId, congressSessions.id],
    }),
    foreignKey({ columns: [t.tenantId, t.leadDeputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    unique().on(t.tenantId, t.caseId),
    unique().on(t.tenantId, t.sessionId, t.number),
    index().on(t.tenantId, t.leadDeputyId),
    tenantIsolationPolicy(),
  ],
);

/**
 * 交办会: after the session, the standing committee and the government assign the session's
 * suggestions to their units at a meeting. Its record, and what it assigned (count, when).
 */
export const assignmentMeetings = pgTable(
  "assignment_meetings",
  {
    ...tenantColumns,
    sessionId: uuid().notNull(),
    name: text().notNull(),
    heldOn: date({ mode: "string" }).notNull(),
    /** 参会人员: free text, a line each (leaders, the government office, the units). */
    attendees: text().notNull().default(""),
    /** The user who opened the record (no FK: users are platform rows). */
    createdBy: uuid(),
    /** The last 确认交办 of the meeting, and how many suggestions it has assigned in all. */
    assignedAt: timestamp({ withTimezone: true }),
    assignedCount: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.sessionId],
      foreignColumns: [congressSessions.tenantId, congressSessions.id],
    }),
    index().on(t.tenantId, t.sessionId),
    tenantIsolationPolicy(),
  ],
);

/**
 * A meeting's proposal for one suggestion (its case): lead unit (主办), co-units (协办), whether
 * it is a 重点建议; `assignedAt` once the meeting's 确认交办 sent it.
 */
export const assignmentProposals = pgTable(
  "assignment_proposals",
  {
    ...tenantColumns,
    meetingId: uuid().notNull(),
    caseId: uuid().notNull(),
    leadUnitId: uuid().notNull(),
    coUnitIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    keySupervision: boolean().notNull().default(false),
    assignedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [assignmentMeetings.tenantId, assignmentMeetings.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.leadUnitId], foreignColumns: [handlingUnits.tenantId, handlingUnits.id] }),
    unique().on(t.tenantId, t.meetingId, t.caseId),
    tenantIsolationPolicy(),
  ],
);

/** 回头看 findings: the promise of the answer kept, partly kept, not kept. */
export const revisitFindings = ["kept", "partlyKept", "notKept"] as const;

/**
 * 回头看: a campaign of the standing committee that revisits answered suggestions, a year or a
 * session at a time, to see whether what the answers promised was done.
 */
export const revisitCampaigns = pgTable(
  "revisit_campaigns",
  {
    ...tenantColumns,
    name: text().notNull(),
    /** The year the campaign belongs to (its work plan's year). */
    year: integer().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

/** One suggestion revisited: the 督办组 (team) that goes, and what it found. */
export const revisitItems = pgTable(
  "revisit_items",
  {
    ...tenantColumns,
    campaignId: uuid().notNull(),
    suggestionId: uuid().notNull(),
    /** 督办组: one of the county's teams. */
    teamId: uuid(),
    finding: text({ enum: revisitFindings }),
    note: text(),
    /** The day the team found it (the visit), as they report it. */
    foundOn: date({ mode: "string" }),
    recordedBy: uuid().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [revisitCampaigns.tenantId, revisitCampaigns.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.suggestionId],
      foreignColumns: [suggestions.tenantId, suggestions.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    unique().on(t.tenantId, t.campaignId, t.suggestionId),
    index().on(t.tenantId, t.suggestionId),
    tenantIsolationPolicy(),
  ],
);
