import {
  activities,
  activityDeputies,
  calendarDays,
  calendarYears,
  caseEvents,
  cases,
  caseTimers,
  deputies,
  type TenantTx,
  workflowVersions,
} from "@rdlink/db";
import {
  type CalendarOverrides,
  type CaseEventRow,
  type CaseSnapshot,
  type CaseStore,
  calendarFromDays,
  chinaHolidaysExcept,
  localDateOf,
  type StepWrite,
  type TimerRow,
  type TWorkflowDefinition,
  ZWorkflowDefinition,
} from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { attendanceRows } from "../activities/attendance-rows";
import { citizenStepOf, queueCitizenSms } from "../sms/queue-citizen-sms";
import { stepStatement } from "./step-statement";
import { checkAttended } from "./unattended";

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
const versions = new Map<string, { definition: TWorkflowDefinition; hash: string }>();

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

  private get tenant() {
    return this.tx.tenantId;
  }

  async loadVersion(versionId: string) {
    const key = `${this.tenant}:${versionId}`;
    const cached = versions.get(key);
    if (cached) return cached;
    const [row] = await this.tx
      .select({ definition: workflowVersions.definition, hash: workflowVersions.contentHash })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.tenantId, this.tenant), eq(workflowVersions.id, versionId)));
    if (!row) throw new Error(`Workflow version ${versionId} not found`);
    const version = { definition: ZWorkflowDefinition.parse(row.definition), hash: row.hash };
    if (versions.size > 2000) versions.clear();
    versions.set(key, version);
    return version;
  }

  async loadCase(caseId: string) {
    const [row] = await this.tx
      .select({
        id: cases.id,
        versionId: cases.versionId,
        seq: cases.seq,
        state: cases.state,
        stateEnteredSeq: cases.stateEnteredSeq,
        snapshot: cases.snapshot,
      })
      .from(cases)
      .where(and(eq(cases.tenantId, this.tenant), eq(cases.id, caseId)))
      .for("update")
      .prepare("load_case")
      .execute();
    return row ? { ...row, snapshot: row.snapshot as CaseSnapshot } : null;
  }

  async findEventByKey(caseId: string, idempotencyKey: string) {
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
    const [version] = await this.tx
      .select({ workflowId: workflowVersions.workflowId, kind: workflowVersions.kind })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.tenantId, this.tenant), eq(workflowVersions.id, row.versionId)));
    await this.tx.insert(cases).values({
      ...this.intake,
      // The consent is given as the case is filed: its time is the case's.
      consentAt: this.intake.consentVersion ? row.at : null,
      id: row.id,
      workflowId: version!.workflowId,
      kind: version!.kind,
      versionId: row.versionId,
      seq: row.seq,
      state: row.state,
      stateEnteredSeq: row.stateEnteredSeq,
      snapshot: row.snapshot,
      status: row.status,
      // An automatic transition at the start may have handed it to a unit already (随手拍).
      handlingUnitId: row.snapshot.context.handlingUnitId,
      coHandlingUnitIds: row.snapshot.context.coHandlingUnitIds ?? [],
      assigneeRole: row.desk?.assigneeRole,
      assigneeScope: row.desk?.assigneeScope,
      assigneeTeam: row.desk?.assigneeTeam,
      teamKeys: row.desk?.assigneeTeam ? [row.desk.assigneeTeam] : [],
      dueAt: row.desk?.dueAt,
      warnAt: row.desk?.warnAt,
      closedAt: row.desk?.closes ? row.at : null,
      createdAt: row.at,
      updatedAt: row.at,
    });
    await this.tx.insert(caseEvents).values(event);
    if (timers.length > 0) await this.tx.insert(caseTimers).values(timers);
    // The citizen who left a mobile number gets the tracking code by SMS.
    if (this.intake.trackingCode && this.intake.submitterPhone)
      await queueCitizenSms(this.tx, { caseId: row.id, seq: row.seq, step: "submitted", at: row.at });
    await checkAttended(this.tx, row.id, row.at);
  }

  /**
   * The whole step in one statement: the case is updated only where it still has the
   * expected seq, and every other write hangs off that update, so a stale step writes nothing.
   */
  async writeStep(step: StepWrite) {
    const [result] = await stepStatement(this.tx, step).prepare("write_step").execute();
    const written = result?.written === 1;
    if (written && step.ledger && step.ledger.length > 0) await this.writeLedger(step);
    if (written && step.change.desk !== undefined) await checkAttended(this.tx, step.caseId, step.change.at);
    // A public step (交办, an answer, 办结) is news for the citizen who left a mobile number.
    const citizenStep = written ? citizenStepOf(step) : null;
    if (citizenStep)
      await queueCitizenSms(this.tx, {
        caseId: step.caseId,
        seq: step.change.seq,
        step: citizenStep,
        at: step.change.at,
      });
    return written;
  }

  /**
   * The step's 履职台账 entries, at the case's station on the step's day (Asia/Shanghai), with
   * the deputies the step named and the case's own. A case without a station has no ledger to
   * write to: its entries are not kept. (case, seq, kind) is unique, so an entry is never doubled.
   */
  private async writeLedger(step: StepWrite) {
    const [kase] = await this.tx
      .select({ stationId: cases.stationId, townshipId: cases.townshipId, deputyIds: cases.deputyIds })
      .from(cases)
      .where(and(eq(cases.tenantId, this.tenant), eq(cases.id, step.caseId)));
    if (!kase?.stationId || !kase.townshipId) return;
    for (const entry of step.ledger!) {
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
    const [row] = await this.tx
      .select({
        id: caseTimers.id,
        caseId: caseTimers.caseId,
        stateId: caseTimers.stateId,
        entrySeq: caseTimers.entrySeq,
        deadlineId: caseTimers.deadlineId,
        rungId: caseTimers.rungId,
        event: caseTimers.event,
        notify: caseTimers.notify,
        dueAt: caseTimers.dueAt,
      })
      .from(caseTimers)
      .where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.id, timerId)))
      .for("update", { skipLocked: true })
      .prepare("load_timer")
      .execute();
    return row ?? null;
  }

  async deleteTimer(timerId: string) {
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
    const calendar = calendarFromDays([...own, ...chinaHolidaysExcept(new Set(held.map((h) => h.year)))]);
    // A cache age, not the product's time: measured on the monotonic clock.
    calendars.set(this.tenant, { calendar, loadedAt: performance.now() });
    return calendar;
  }
}

function toEventRow(row: typeof caseEvents.$inferSelect): CaseEventRow {
  const { tenantId: _tenant, ...event } = row;
  return event;
}
