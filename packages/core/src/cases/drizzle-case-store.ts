import {
  activities,
  activityDeputies,
  calendarDays,
  calendarYears,
  caseEvents,
  cases,
  caseTimers,
  commitWithNextStatement,
  deputies,
  type TenantTx,
  workflowVersions,
} from "@rdlink/db";
import {
  type CalendarOverrides,
  type CaseEventRow,
  type CaseSnapshot,
  type CaseStore,
  countyCalendar,
  localDateOf,
  type StepWrite,
  type StoredCase,
  type TimerRow,
  type TWorkflowDefinition,
  timerStepKey,
  ZWorkflowDefinition,
} from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { attendanceRows } from "../activities/attendance-rows";
import { notificationRecipients } from "../notifications/notification-recipients";
import { citizenStepOf, queueCitizenSms, textsCitizen } from "../sms/queue-citizen-sms";
import { staffDeskOf, writeStartStatement, writeStepStatement } from "./step-statement";

/** The columns a new case records of how it came in (none for cases started otherwise). */
export type CaseIntake = Partial<
  Pick<
    typeof cases.$inferInsert,
    | "townshipId"
    | "stationId"
    | "trackingCode"
    | "channel"
    | "category"
    | "title"
    | "submitterName"
    | "submitterPhone"
    | "consentVersion"
    | "intakeKey"
    | "intakeFingerprint"
    | "deputyIds"
  >
>;

/** Parsed definitions by tenant and version: a published version never changes. */
const versions = new Map<
  string,
  { definition: TWorkflowDefinition; hash: string; workflowId: string; kind: (typeof cases.$inferSelect)["kind"] }
>();

/**
 * The columns of a case a step reads (locked): what the runtime needs, and what the step's own
 * writes need of the row — where it belongs (the new desk's holders, the 台账), whether its citizen
 * takes an SMS — so that nothing reads the case again after its update. No more: drizzle builds
 * a select and maps its rows column by column, on every step.
 */
export const stepCaseColumns = {
  id: cases.id,
  versionId: cases.versionId,
  seq: cases.seq,
  state: cases.state,
  stateEnteredSeq: cases.stateEnteredSeq,
  snapshot: cases.snapshot,
  townshipId: cases.townshipId,
  stationId: cases.stationId,
  handlingUnitId: cases.handlingUnitId,
  coHandlingUnitIds: cases.coHandlingUnitIds,
  deputyIds: cases.deputyIds,
  trackingCode: cases.trackingCode,
  submitterPhone: cases.submitterPhone,
  unattendedSince: cases.unattendedSince,
};

type StepCase = { [K in keyof typeof stepCaseColumns]: (typeof cases.$inferSelect)[K] };
type LoadedCase = Omit<StepCase, "snapshot"> & StoredCase;

/** A due timer as firing it needs it. */
export type ClaimedTimer = TimerRow;

/** The columns of a timer that firing it reads. */
export const timerColumns = {
  id: caseTimers.id,
  caseId: caseTimers.caseId,
  stateId: caseTimers.stateId,
  entrySeq: caseTimers.entrySeq,
  deadlineId: caseTimers.deadlineId,
  rungId: caseTimers.rungId,
  event: caseTimers.event,
  notify: caseTimers.notify,
  dueAt: caseTimers.dueAt,
};

/**
 * Counties' calendars, kept for a short while: they change a few times a year, and a step
 * that enters a working-day deadline should not read them each time. Edits in this process
 * take effect at once (`forgetCalendar`); other processes see them within CALENDAR_TTL_MS.
 */
const CALENDAR_TTL_MS = 30_000;
const calendars = new Map<string, { calendar: CalendarOverrides; loadedAt: number }>();

export function forgetCalendar(tenantId: string): void {
  calendars.delete(tenantId);
}

/**
 * The workflow runtime's port on PostgreSQL/PGlite, bound to one tenant transaction.
 * Every query names the tenant as well (RLS is the second wall, and the index leads with it).
 */
export class DrizzleCaseStore implements CaseStore {
  /** `intake`: what a new case records of how it came in, written with its first row. */
  constructor(
    private readonly tx: TenantTx,
    private readonly intake: CaseIntake = {},
  ) {}

  /** Cases this transaction has locked, by id: read once per step, not again by its writes. */
  private readonly loaded = new Map<string, LoadedCase>();
  /** Due timers the caller has claimed (locked) in this transaction, by id. */
  private readonly claimed = new Map<string, ClaimedTimer>();
  /** Their steps' idempotency keys (`timerStepKey`). */
  private readonly claimedKeys = new Set<string>();
  /** Statements this store has sent that write: a failure after one cannot be undone in Node. */
  writes = 0;

  private get tenant() {
    return this.tx.tenantId;
  }

  /** A case the caller has already read with FOR UPDATE (`lockCaseForStep`): no second read. */
  holding(row: StepCase): this {
    this.loaded.set(row.id, { ...row, snapshot: row.snapshot as CaseSnapshot });
    return this;
  }

  /**
   * Timers claimed with their cases (`fireDueTimers` locks both in one query): each fires without
   * reading its timer, its case or its earlier firing again. A claimed timer has not fired: its row
   * goes in the same statement that records its step, so while the row is there, no step is.
   */
  holdingTimers(rows: (ClaimedTimer & { kase: StepCase })[]): this {
    for (const { kase, ...timer } of rows) {
      this.claimed.set(timer.id, timer);
      this.claimedKeys.add(timerStepKey(timer.id));
      this.holding(kase);
    }
    return this;
  }

  /** A claimed timer whose row goes: from now on its key is looked up like any other. */
  private forgetClaimed(timerId: string) {
    this.claimed.delete(timerId);
    this.claimedKeys.delete(timerStepKey(timerId));
  }

  async loadVersion(versionId: string) {
    const key = `${this.tenant}:${versionId}`;
    const cached = versions.get(key);
    if (cached) return cached;
    const [row] = await this.tx
      .select({
        definition: workflowVersions.definition,
        hash: workflowVersions.contentHash,
        workflowId: workflowVersions.workflowId,
        kind: workflowVersions.kind,
      })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.tenantId, this.tenant), eq(workflowVersions.id, versionId)));
    if (!row) throw new Error(`Workflow version ${versionId} not found`);
    const version = { ...row, definition: ZWorkflowDefinition.parse(row.definition) };
    if (versions.size > 2000) versions.clear();
    versions.set(key, version);
    return version;
  }

  async loadCase(caseId: string): Promise<LoadedCase | null> {
    const held = this.loaded.get(caseId);
    if (held) return held;
    const [row] = await this.tx
      .select(stepCaseColumns)
      .from(cases)
      .where(and(eq(cases.tenantId, this.tenant), eq(cases.id, caseId)))
      .for("update")
      .prepare("load_case")
      .execute();
    if (!row) return null;
    const kase = { ...row, snapshot: row.snapshot as CaseSnapshot };
    this.loaded.set(caseId, kase);
    return kase;
  }

  async findEventByKey(caseId: string, idempotencyKey: string) {
    if (this.claimedKeys.has(idempotencyKey)) return null;
    const [row] = await this.tx
      .select()
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.tenantId, this.tenant),
          eq(caseEvents.caseId, caseId),
          eq(caseEvents.idempotencyKey, idempotencyKey),
        ),
      );
    return row ? toEventRow(row) : null;
  }

  async createCase(row: Parameters<CaseStore["createCase"]>[0], event: CaseEventRow, timers: TimerRow[]) {
    const version = await this.loadVersion(row.versionId);
    const handlingUnitId = row.snapshot.context.handlingUnitId ?? null;
    const coHandlingUnitIds = row.snapshot.context.coHandlingUnitIds ?? [];
    // Whether anyone holds its first desk (the unattended mark), asked first: a step's statement asks
    // it itself, but Citus takes no subquery in an INSERT's VALUES.
    const staffDesk = staffDeskOf(row);
    const attended =
      !staffDesk ||
      (
        await notificationRecipients(this.tx, "assignee", {
          townshipId: this.intake.townshipId ?? null,
          stationId: this.intake.stationId ?? null,
          deputyIds: this.intake.deputyIds ?? [],
          handlingUnitId,
          coHandlingUnitIds,
          assigneeRole: row.desk?.assigneeRole ?? null,
          assigneeScope: row.desk?.assigneeScope ?? null,
          assigneeTeam: row.desk?.assigneeTeam ?? null,
        })
      ).length > 0;
    const caseRow = {
      ...this.intake,
      // The consent is given as the case is filed: its time is the case's.
      consentAt: this.intake.consentVersion ? row.at : null,
      id: row.id,
      workflowId: version.workflowId,
      kind: version.kind,
      versionId: row.versionId,
      seq: row.seq,
      state: row.state,
      stateEnteredSeq: row.stateEnteredSeq,
      snapshot: row.snapshot,
      status: row.status,
      // An automatic transition at the start may have handed it to a unit already (随手拍).
      handlingUnitId,
      coHandlingUnitIds,
      assigneeRole: row.desk?.assigneeRole,
      assigneeScope: row.desk?.assigneeScope,
      assigneeTeam: row.desk?.assigneeTeam,
      teamKeys: row.desk?.assigneeTeam ? [row.desk.assigneeTeam] : [],
      dueAt: row.desk?.dueAt,
      warnAt: row.desk?.warnAt,
      closedAt: row.desk?.closes ? row.at : null,
      unattendedSince: attended ? null : row.at,
      createdAt: row.at,
      updatedAt: row.at,
    };
    this.writes++;
    await writeStartStatement(this.tx, { ...caseRow, tenantId: this.tenant }, event, timers);
    // The citizen who left a mobile number gets the tracking code by SMS.
    if (
      textsCitizen({
        trackingCode: this.intake.trackingCode ?? null,
        submitterPhone: this.intake.submitterPhone ?? null,
      })
    )
      await queueCitizenSms(this.tx, { caseId: row.id, seq: row.seq, step: "submitted", at: row.at });
  }

  /**
   * The whole step in one statement: the case is updated only where it still has the
   * expected seq, and every other write hangs off that update, so a stale step writes nothing.
   */
  async writeStep(step: StepWrite) {
    const kase = await this.loadCase(step.caseId);
    if (!kase) return false;
    this.loaded.delete(step.caseId);
    for (const timerId of step.deleteTimerIds) this.forgetClaimed(timerId);
    // A case without a station has no ledger to write to: its entries are not kept.
    const ledger = kase.stationId && kase.townshipId ? (step.ledger ?? []) : [];
    // A public step (交办, an answer, 办结) is news for the citizen who left a mobile number.
    const citizenStep = textsCitizen(kase) ? citizenStepOf(step) : null;
    // Where the statement is the step's only write, it may carry the COMMIT if the transaction ends with it.
    if (ledger.length === 0 && !citizenStep) commitWithNextStatement(this.tx);
    this.writes++;
    // The statement also asks whether anyone holds the desk the step puts the case on (the unattended mark).
    const written = await writeStepStatement(this.tx, step, kase);
    if (!written) return false;
    if (ledger.length > 0) await this.writeLedger(step, kase, ledger);
    if (citizenStep)
      await queueCitizenSms(this.tx, {
        caseId: step.caseId,
        seq: step.change.seq,
        step: citizenStep,
        at: step.change.at,
      });
    return true;
  }

  /**
   * The step's 履职台账 entries, at the case's station on the step's day (Asia/Shanghai), with
   * the deputies the step named and the case's own. (case, seq, kind) is unique, so an entry is
   * never doubled.
   */
  private async writeLedger(step: StepWrite, kase: LoadedCase, ledger: NonNullable<StepWrite["ledger"]>) {
    if (!kase.stationId || !kase.townshipId) return;
    for (const entry of ledger) {
      const [activity] = await this.tx
        .insert(activities)
        .values({
          stationId: kase.stationId,
          townshipId: kase.townshipId,
          kind: entry.kind,
          day: localDateOf(step.event.at),
          ...(entry.figure ? { [entry.figure]: 1 } : {}),
          summary: entry.summary,
          recordedBy: step.event.actorUserId,
          caseId: step.caseId,
          caseSeq: step.event.seq,
          createdAt: step.event.at,
        })
        .returning({
          id: activities.id,
          day: activities.day,
          kind: activities.kind,
          peopleReceived: activities.peopleReceived,
        });
      const deputyIds = [...new Set([...kase.deputyIds, ...entry.deputyIds])];
      const known = deputyIds.length
        ? await this.tx
            .select({ id: deputies.id })
            .from(deputies)
            .where(and(eq(deputies.tenantId, this.tenant), inArray(deputies.id, deputyIds)))
        : [];
      if (known.length > 0) {
        await this.tx.insert(activityDeputies).values(
          attendanceRows(
            activity!,
            known.map((d) => d.id),
          ),
        );
      }
    }
  }

  async loadTimer(timerId: string) {
    const held = this.claimed.get(timerId);
    if (held) return held;
    const [row] = await this.tx
      .select(timerColumns)
      .from(caseTimers)
      .where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.id, timerId)))
      .for("update", { skipLocked: true })
      .prepare("load_timer")
      .execute();
    return row ?? null;
  }

  async deleteTimer(timerId: string) {
    this.forgetClaimed(timerId);
    this.writes++;
    await this.tx.delete(caseTimers).where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.id, timerId)));
  }

  async calendar() {
    const cached = calendars.get(this.tenant);
    if (cached && performance.now() - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
    const own = await this.tx
      .select({ date: calendarDays.day, kind: calendarDays.kind })
      .from(calendarDays)
      .where(eq(calendarDays.tenantId, this.tenant));
    const held = await this.tx
      .select({ year: calendarYears.year })
      .from(calendarYears)
      .where(eq(calendarYears.tenantId, this.tenant));
    // A year the county does not hold counts by China's holidays (its case page says provisional).
    const calendar = countyCalendar(
      own,
      held.map((h) => h.year),
    );
    // A cache age, not the product's time: measured on the monotonic clock.
    calendars.set(this.tenant, { calendar, loadedAt: performance.now() });
    return calendar;
  }
}

function toEventRow(row: typeof caseEvents.$inferSelect): CaseEventRow {
  const { tenantId: _tenant, ...event } = row;
  return event;
}
