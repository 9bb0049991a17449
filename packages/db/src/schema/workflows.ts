import { sql } from "drizzle-orm";
import {
  boolean,
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
import { tenants, users } from "./platform";
import { stations } from "./stations";
import type { TTemplateOrigin } from "./template-library";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";

/** A county's workflow: an editable draft, and the versions published from it. */
export const workflows = pgTable(
  "workflows",
  {
    ...tenantColumns,
    key: text().notNull(),
    name: jsonb().$type<Record<string, string>>().notNull(),
    draft: jsonb().$type<unknown>().notNull(),
    draftLayout: jsonb().$type<Record<string, { x: number; y: number }>>().notNull().default({}),
    /** Incremented by every save; a save based on an older revision is a conflict, never an overwrite. */
    draftRevision: integer().notNull().default(1),
    draftUpdatedBy: uuid().references(() => users.id),
    draftUpdatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
    /** Copied from the platform's template library (null when the county drew it). */
    templateOrigin: jsonb().$type<TTemplateOrigin>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique().on(t.tenantId, t.key),
    tenantIsolationPolicy(),
  ],
);

/** Immutable once published: running cases stay on the version they started on. */
export const workflowVersions = pgTable(
  "workflow_versions",
  {
    ...tenantColumns,
    workflowId: uuid().notNull(),
    version: integer().notNull(),
    definition: jsonb().$type<unknown>().notNull(),
    /** The definition's `kind` (opinion, suggestion…): how intake and 整合 find a workflow, whatever its key. */
    kind: text().notNull().default("custom"),
    layout: jsonb().$type<Record<string, { x: number; y: number }>>().notNull().default({}),
    contentHash: text().notNull(),
    publishedBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.workflowId], foreignColumns: [workflows.tenantId, workflows.id] }),
    unique().on(t.tenantId, t.workflowId, t.version),
    unique().on(t.tenantId, t.workflowId, t.contentHash),
    tenantIsolationPolicy(),
  ],
);

/** How a case came in: the station's QR code, at the station, by a deputy, or another system. */
/** `pair`: raised by a deputy from a 双联 visit (decision 0028). */
export const caseChannels = ["qr", "reception", "visit", "phone", "letter", "deputy", "api", "pair"] as const;
export const satisfactionLevels = ["satisfied", "basic", "unsatisfied"] as const;
export const answerClasses = ["A", "B", "C"] as const;

export const cases = pgTable(
  "cases",
  {
    ...tenantColumns,
    workflowId: uuid().notNull(),
    versionId: uuid().notNull(),
    /** Number of events so far; every step writes `seq + 1` where `seq` is still what it read. */
    seq: integer().notNull(),
    state: text().notNull(),
    stateEnteredSeq: integer().notNull(),
    snapshot: jsonb().$type<unknown>().notNull(),
    status: text({ enum: ["active", "done"] }).notNull(),
    /** A side effect failed for good: the case needs someone to look (its state is unchanged). */
    incident: boolean().notNull().default(false),
    townshipId: uuid(),
    stationId: uuid(),
    /** What the citizen tracks the case by, `<county division code>-<8 characters>`. */
    trackingCode: text(),
    /** How it came in (caseChannels). */
    channel: text({ enum: caseChannels }),
    category: text(),
    /** A line for lists: the start of what was submitted. */
    title: text(),
    submitterName: text(),
    /** Full number; lists show it masked, and it is never shown on public pages. */
    submitterPhone: text(),
    /** The citizen's consent to the use of their phone number: when, and which text they agreed to. */
    consentAt: timestamp({ withTimezone: true }),
    consentVersion: text(),
    /** When the citizen's name and phone were erased (the retention period passed, or they asked). */
    personalDataErasedAt: timestamp({ withTimezone: true }),
    /** The intake's Idempotency-Key: a double tap makes one case. */
    intakeKey: text(),
    /** What came with that key (SHA-256 of the API request's body): the key reused for another body is refused. */
    intakeFingerprint: text(),
    /** The following columns are kept by every step, for inboxes and figures without reading snapshots. */
    handlingUnitId: uuid(),
    /** 协办单位: they see the case and answer too; the lead's answer closes the step. */
    coHandlingUnitIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Whose desk the current state is on (its assignee role and scope). */
    assigneeRole: text(),
    assigneeScope: text(),
    /** The team (its key) whose desk the current state is on, when its assignee is a team. */
    assigneeTeam: text(),
    /**
     * Since when nobody can take the current step (no liaison at the station, an empty team…):
     * the case is on the county admin's desk until someone can. Null when someone can.
     */
    unattendedSince: timestamp({ withTimezone: true }),
    /** Every team the case has been with: their members keep seeing it after they acted. */
    teamKeys: text().array().notNull().default(sql`'{}'::text[]`),
    /** When the current state's deadline ends (its 100 % rung), and its first warning. */
    dueAt: timestamp({ withTimezone: true }),
    warnAt: timestamp({ withTimezone: true }),
    /** First time a deadline of a task passed: stays, for figures on timeliness. */
    overdueAt: timestamp({ withTimezone: true }),
    /** When the case reached a closing state (办结). */
    closedAt: timestamp({ withTimezone: true }),
    /** The citizen's latest rating (满意 / 基本满意 / 不满意). */
    satisfaction: text({ enum: satisfactionLevels }),
    /** The first answer (the workflow's `recordAnswer`): when, and whether before its step's deadline. */
    firstAnsweredAt: timestamp({ withTimezone: true }),
    answeredOnTime: boolean(),
    /** The latest answer's classification: A 已解决或基本解决, B 正在解决或列入计划, C 留作参考. */
    answerClass: text({ enum: answerClasses }),
    /** 面商 (`recordConsultation`): the first one, and how many. */
    consultedAt: timestamp({ withTimezone: true }),
    consultations: integer().notNull().default(0),
    /** 重点建议 (`markKeySupervision`). */
    keySupervision: boolean().notNull().default(false),
    /** 整合: the deputy suggestion this opinion was merged into. */
    mergedIntoId: uuid(),
    /**
     * The deputies the case belongs to besides its station's: a suggestion's proposing deputy, or
     * the deputies of the stations its merged opinions came from. Their desk has its 代表 steps.
     */
    deputyIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Its workflow version's kind when it started (opinion, suggestion…): which figures it feeds. */
    kind: text().notNull().default("custom"),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.workflowId], foreignColumns: [workflows.tenantId, workflows.id] }),
    foreignKey({
      columns: [t.tenantId, t.versionId],
      foreignColumns: [workflowVersions.tenantId, workflowVersions.id],
    }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }),
    foreignKey({
      columns: [t.tenantId, t.handlingUnitId],
      foreignColumns: [handlingUnits.tenantId, handlingUnits.id],
    }),
    foreignKey({ columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
    index().on(t.tenantId, t.versionId, t.state),
    unique().on(t.tenantId, t.trackingCode),
    unique().on(t.tenantId, t.intakeKey),
    // Inboxes: open cases on a role's desk, soonest deadline first.
    index("cases_inbox_idx").on(t.tenantId, t.assigneeRole, t.townshipId, t.dueAt).where(sql`status = 'active'`),
    // A township's cases, open or not (the workbench's "all" view for township staff), soonest deadline first.
    index("cases_township_idx").on(t.tenantId, t.townshipId, t.dueAt),
    // A handling unit's cases as lead, for what names a unit alone (a revisit campaign; the foreign
    // key's check when a unit is removed). No index serves the co-handling units or the teams a case
    // was with: under RLS a query may not search by `&&`, which is not leakproof (decision 0049), and
    // every step would still write an entry in it.
    index("cases_unit_idx").on(t.tenantId, t.handlingUnitId, t.dueAt),
    // Figures by period, township and station.
    index().on(t.tenantId, t.createdAt),
    index().on(t.tenantId, t.stationId, t.createdAt),
    // The erasure of expired personal data: closed cases still holding a name or phone.
    index("cases_personal_data_idx")
      .on(t.tenantId, t.closedAt)
      .where(sql`submitter_name is not null or submitter_phone is not null`),
    tenantIsolationPolicy(),
  ],
);

/** The append-only log of every case: gap-free by (case, seq). */
export const caseEvents = pgTable(
  "case_events",
  {
    tenantId: tenantColumns.tenantId,
    caseId: uuid().notNull(),
    seq: integer().notNull(),
    type: text().notNull(),
    fromState: text(),
    toState: text().notNull(),
    actorUserId: uuid(),
    actorRole: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    idempotencyKey: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId, t.seq] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique().on(t.tenantId, t.caseId, t.idempotencyKey),
    // A deputy's 履职档案 counts the steps their account took in a year. Only steps someone's
    // account took: a timer's, the citizen's and the system's are not written to it.
    index().on(t.tenantId, t.actorUserId, t.at).where(sql`actor_user_id is not null`),
    tenantIsolationPolicy(),
  ],
);

/** Deadlines as rows with absolute due times; a worker fires them (never setTimeout). */
export const caseTimers = pgTable(
  "case_timers",
  {
    tenantId: tenantColumns.tenantId,
    /** `<case>:<state>@<entry seq>:<deadline>:<rung>`. */
    id: text().notNull(),
    caseId: uuid().notNull(),
    stateId: text().notNull(),
    entrySeq: integer().notNull(),
    deadlineId: text().notNull(),
    rungId: text().notNull(),
    event: text(),
    notify: jsonb().$type<{ to: string; template: string }>(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** Failed firings so far; the worker backs off between them as it does for the outbox. */
    attempts: integer().notNull().default(0),
    /** After a failed firing: not tried again before this. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    /** Given up after too many failures: the worker leaves it, and its case is an incident. */
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index().on(t.dueAt),
    index().on(t.tenantId, t.caseId),
    tenantIsolationPolicy(),
  ],
);

/** Side effects written in the step's transaction and delivered by the worker, at least once. */
export const outbox = pgTable(
  "outbox",
  {
    ...tenantColumns,
    caseId: uuid().notNull(),
    seq: integer().notNull(),
    actionIndex: integer().notNull(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredVia: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique().on(t.tenantId, t.caseId, t.seq, t.actionIndex),
    index().on(t.status, t.nextAttemptAt),
    tenantIsolationPolicy(),
  ],
);

/**
 * Which years the county's calendar holds, and how far to trust each: "official" years were
 * copied from the State Council notice, "provisional" ones computed from the statutes (the
 * notice was not out yet) until the county confirms them ("confirmed").
 */
export const calendarYears = pgTable(
  "calendar_years",
  {
    tenantId: tenantColumns.tenantId,
    year: integer().notNull(),
    status: text({ enum: ["official", "provisional", "confirmed"] }).notNull(),
    confirmedAt: timestamp({ withTimezone: true }),
    confirmedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.year] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);

/** The county's working-day calendar: statutory holidays and make-up workdays (调休). */
export const calendarDays = pgTable(
  "calendar_days",
  {
    tenantId: tenantColumns.tenantId,
    day: date({ mode: "string" }).notNull(),
    kind: text({ enum: ["holiday", "workday"] }).notNull(),
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    tenantIsolationPolicy(),
  ],
);
