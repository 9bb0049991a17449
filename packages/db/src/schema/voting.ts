import { sql } from "drizzle-orm";
import {
  bigint,
  date,
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
import { handlingUnits } from "./handling-units";
import { users } from "./platform";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/**
 * 选民代表: in a street without its own congress, residents elected for a term (第二届, 2021–2026)
 * who meet twice a year and vote on the street's livelihood projects (民生实事项目票决).
 */
export const voterRepresentatives = pgTable(
  "voter_representatives",
  {
    ...tenantColumns,
    townshipId: uuid().notNull(),
    name: text().notNull(),
    /** 代表小组 or 选区 the representative belongs to. */
    groupName: text(),
    phone: text(),
    /** 届次 as the street names it: 第二届. */
    term: text().notNull(),
    termStartsOn: date({ mode: "string" }).notNull(),
    termEndsOn: date({ mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    unique().on(t.tenantId, t.townshipId, t.term, t.name),
    tenantIsolationPolicy(),
  ],
);

export const votingRules = ["majority", "budget"] as const;
export const votingMeetingStatuses = ["preparing", "open", "closed", "published"] as const;

/** 选民代表会议 that votes on the year's candidate projects. */
export const votingMeetings = pgTable(
  "voting_meetings",
  {
    ...tenantColumns,
    townshipId: uuid().notNull(),
    name: text().notNull(),
    year: integer().notNull(),
    heldOn: date({ mode: "string" }).notNull(),
    /** majority: each project approved by more than half of those present; budget: ranked by votes within the budget. */
    rule: text({ enum: votingRules }).notNull(),
    budgetYuan: bigint({ mode: "number" }),
    status: text({ enum: votingMeetingStatuses }).notNull().default("preparing"),
    /** Ballot codes are derived from it (HMAC per representative), so the slips can be printed again. */
    codeSecret: text().notNull(),
    /** Representatives whose term covers the meeting day, counted when voting opens (the quorum's base). */
    eligibleCount: integer(),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** The paper tally once its two entries agreed. */
    paperReconciledAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    unique().on(t.tenantId, t.townshipId, t.name),
    tenantIsolationPolicy(),
  ],
);

export const candidateProposers = ["citizen", "deputy", "office"] as const;
export const candidateStatuses = ["proposed", "dropped", "listed", "chosen", "notChosen"] as const;

/** 候选民生实事项目: proposed by a citizen, a deputy or the street office; screened by the street. */
export const votingCandidates = pgTable(
  "voting_candidates",
  {
    ...tenantColumns,
    townshipId: uuid().notNull(),
    year: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    costYuan: bigint({ mode: "number" }).notNull(),
    proposerKind: text({ enum: candidateProposers }).notNull(),
    proposerName: text(),
    status: text({ enum: candidateStatuses }).notNull().default("proposed"),
    dropReason: text(),
    /** The meeting whose ballot lists it. */
    meetingId: uuid(),
    votesFor: integer(),
    votesAgainst: integer(),
    rank: integer(),
    /** Supervision of a chosen project: who carries it out, when it was done. */
    handlingUnitId: uuid(),
    completedAt: timestamp({ withTimezone: true }),
    /** 验单: the representatives' verdict on the finished project, as counted at their meeting. */
    acceptedOn: date({ mode: "string" }),
    acceptanceSatisfied: integer(),
    acceptanceBasic: integer(),
    acceptanceUnsatisfied: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [votingMeetings.tenantId, votingMeetings.id] }),
    foreignKey({
      columns: [t.tenantId, t.handlingUnitId],
      foreignColumns: [handlingUnits.tenantId, handlingUnits.id],
    }),
    index().on(t.tenantId, t.townshipId, t.year),
    index().on(t.tenantId, t.meetingId),
    tenantIsolationPolicy(),
  ],
);

/** 出席: a representative present at the meeting, and the hash of their personal ballot code. */
export const votingPresence = pgTable(
  "voting_presence",
  {
    ...tenantColumns,
    meetingId: uuid().notNull(),
    representativeId: uuid().notNull(),
    codeHash: text().notNull(),
    recordedBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [votingMeetings.tenantId, votingMeetings.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.representativeId],
      foreignColumns: [voterRepresentatives.tenantId, voterRepresentatives.id],
    }),
    unique().on(t.tenantId, t.meetingId, t.representativeId),
    unique().on(t.tenantId, t.codeHash),
    tenantIsolationPolicy(),
  ],
);

/**
 * Who voted, and how (on their phone or on paper) — never what. One row per representative and
 * meeting: the unique key is what stops a second ballot. No time column, on purpose (decision 0025).
 */
export const votingParticipations = pgTable(
  "voting_participations",
  {
    ...tenantColumns,
    meetingId: uuid().notNull(),
    representativeId: uuid().notNull(),
    channel: text({ enum: ["online", "paper"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [votingMeetings.tenantId, votingMeetings.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.representativeId],
      foreignColumns: [voterRepresentatives.tenantId, voterRepresentatives.id],
    }),
    unique().on(t.tenantId, t.meetingId, t.representativeId),
    tenantIsolationPolicy(),
  ],
);

/**
 * An online ballot: what was voted, never by whom. A random id, a random receipt the voter keeps,
 * no time column and no representative (decision 0025); re-written in random order at close.
 */
export const votingBallots = pgTable(
  "voting_ballots",
  {
    ...tenantColumns,
    meetingId: uuid().notNull(),
    receipt: text().notNull(),
    approved: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    rejected: uuid().array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [votingMeetings.tenantId, votingMeetings.id],
    }).onDelete("cascade"),
    unique().on(t.tenantId, t.receipt),
    tenantIsolationPolicy(),
  ],
);

/** The paper ballots counted: candidate id → votes for and against. */
export type TTallyCounts = Record<string, { for: number; against: number }>;

/** A paper tally as one of the two counting staff entered it (entry 1 or 2). */
export const votingTallyEntries = pgTable(
  "voting_tally_entries",
  {
    ...tenantColumns,
    meetingId: uuid().notNull(),
    entry: integer().notNull(),
    ballots: integer().notNull(),
    counts: jsonb().$type<TTallyCounts>().notNull(),
    enteredBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.meetingId],
      foreignColumns: [votingMeetings.tenantId, votingMeetings.id],
    }).onDelete("cascade"),
    unique().on(t.tenantId, t.meetingId, t.entry),
    tenantIsolationPolicy(),
  ],
);

/** 进度: a chosen project's progress report (a milestone reached, photos from the files area). */
export const votingProgressReports = pgTable(
  "voting_progress_reports",
  {
    ...tenantColumns,
    candidateId: uuid().notNull(),
    milestone: text().notNull(),
    note: text().notNull().default(""),
    percent: integer().notNull(),
    photoFileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    reportedOn: date({ mode: "string" }).notNull(),
    reportedBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.candidateId],
      foreignColumns: [votingCandidates.tenantId, votingCandidates.id],
    }).onDelete("cascade"),
    index().on(t.tenantId, t.candidateId),
    tenantIsolationPolicy(),
  ],
);
