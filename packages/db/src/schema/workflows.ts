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
import { tenants, users } from "./platform";
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
    index().on(t.tenantId, t.versionId, t.state),
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
