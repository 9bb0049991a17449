import {
  activities,
  activityDeputies,
  calendarDays,
  calendarYears,
  caseEvents,
  cases,
  caseTimers,
  deputies,
  satisfactionLevels,
  selectPrepared,
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
import { and, eq, inArray, sql } from "drizzle-orm";
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
    const [row] = await selectPrepared<{
      id: string;
      version_id: string;
      seq: number;
      state: string;
      state_entered_seq: number;
      snapshot: CaseSnapshot;
    }>(
      this.tx,
      "load_case",
      sql`select id, version_id, seq, state, state_entered_seq, snapshot from cases
          where tenant_id = ${this.tenant} and id = ${caseId} for update`,
    );
    if (!row) return null;
    return {
      id: row.id,
      versionId: row.version_id,
      seq: row.seq,
      state: row.state,
      stateEnteredSeq: row.state_entered_seq,
      snapshot: typeof row.snapshot === "string" ? (JSON.parse(row.snapshot) as CaseSnapshot) : row.snapshot,
    };
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
    await checkAttended(this.tx, row.id, row.at);
  }

  /**
   * The whole step in one statement: the case is updated only where it still has the
   * expected seq, and every other write hangs off that update, so a stale step writes nothing.
   */
  async writeStep(step: StepWrite) {
    const { change, event } = step;
    const at = change.at.toISOString();
    const timers = step.timers.map((t) => ({
      id: t.id,
      state_id: t.stateId,
      entry_seq: t.entrySeq,
      deadline_id: t.deadlineId,
      rung_id: t.rungId,
      event: t.event,
      notify: t.notify,
      due_at: t.dueAt.toISOString(),
    }));
    const messages = step.outbox.map((m) => ({
      seq: m.seq,
      action_index: m.actionIndex,
      kind: m.kind,
      payload: m.payload,
      at: m.at.toISOString(),
    }));
    const desk = change.desk;
    // 满意度 as the workflow's `recordSatisfaction` action recorded it, whatever the field is called.
    const rating = change.snapshot.context.satisfaction;
    const [result] = await selectPrepared<{ written: number }>(
      this.tx,
      "write_step",
      sql`with updated as (
            update cases set seq = ${change.seq}, state = ${change.state}, state_entered_seq = ${change.stateEnteredSeq},
              snapshot = ${JSON.stringify(change.snapshot)}::jsonb, status = ${change.status}, updated_at = ${at}::timestamptz,
              version_id = coalesce(${change.versionId ?? null}::uuid, version_id),
              handling_unit_id = ${change.snapshot.context.handlingUnitId}::uuid,
              co_handling_unit_ids = array(select jsonb_array_elements_text(${JSON.stringify(change.snapshot.context.coHandlingUnitIds ?? [])}::jsonb)::uuid),
              assignee_role = case when ${desk !== undefined}::boolean then ${desk?.assigneeRole ?? null}::text else assignee_role end,
              assignee_scope = case when ${desk !== undefined}::boolean then ${desk?.assigneeScope ?? null}::text else assignee_scope end,
              assignee_team = case when ${desk !== undefined}::boolean then ${desk?.assigneeTeam ?? null}::text else assignee_team end,
              team_keys = case when ${desk?.assigneeTeam ?? null}::text is null or ${desk?.assigneeTeam ?? null}::text = any(team_keys)
                then team_keys else team_keys || ${desk?.assigneeTeam ?? null}::text end,
              due_at = case when ${desk !== undefined}::boolean then ${desk?.dueAt?.toISOString() ?? null}::timestamptz else due_at end,
              warn_at = case when ${desk !== undefined}::boolean then ${desk?.warnAt?.toISOString() ?? null}::timestamptz else warn_at end,
              closed_at = case when ${desk?.closes === true}::boolean then coalesce(closed_at, ${at}::timestamptz) else closed_at end,
              overdue_at = case when ${change.overdue === true}::boolean then coalesce(overdue_at, ${at}::timestamptz) else overdue_at end,
              satisfaction = coalesce(${isSatisfaction(rating) ? rating : null}::text, satisfaction)
            where tenant_id = ${this.tenant} and id = ${step.caseId} and seq = ${step.expectedSeq}
            returning tenant_id, id
          ), event as (
            insert into case_events (tenant_id, case_id, seq, type, from_state, to_state, actor_user_id, actor_role, data, at, idempotency_key)
            select tenant_id, id, ${event.seq}, ${event.type}, ${event.fromState}, ${event.toState}, ${event.actorUserId}::uuid,
              ${event.actorRole}, ${JSON.stringify(event.data)}::jsonb, ${event.at.toISOString()}::timestamptz, ${event.idempotencyKey}
            from updated
          ), gone as (
            delete from case_timers
            where tenant_id = ${this.tenant} and case_id = ${step.caseId} and exists (select 1 from updated)
              and (state_id = ${step.leftState}
                or id in (select jsonb_array_elements_text(${JSON.stringify(step.deleteTimerIds)}::jsonb)))
          ), timers as (
            insert into case_timers (tenant_id, id, case_id, state_id, entry_seq, deadline_id, rung_id, event, notify, due_at)
            select u.tenant_id, x.id, u.id, x.state_id, x.entry_seq, x.deadline_id, x.rung_id, x.event, x.notify, x.due_at
            from updated u, jsonb_to_recordset(${JSON.stringify(timers)}::jsonb) as x(id text, state_id text, entry_seq int,
              deadline_id text, rung_id text, event text, notify jsonb, due_at timestamptz)
          ), messages as (
            insert into outbox (tenant_id, case_id, seq, action_index, kind, payload, created_at, next_attempt_at)
            select u.tenant_id, u.id, x.seq, x.action_index, x.kind, x.payload, x.at, x.at
            from updated u, jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as x(seq int, action_index int, kind text,
              payload jsonb, at timestamptz)
          )
          select count(*)::int as written from updated`,
    );
    const written = result?.written === 1;
    if (written && step.ledger && step.ledger.length > 0) await this.writeLedger(step);
    if (written && desk !== undefined) await checkAttended(this.tx, step.caseId, change.at);
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
        .returning({ id: activities.id });
      const deputyIds = [...new Set([...kase.deputyIds, ...entry.deputyIds])];
      const known = deputyIds.length
        ? await this.tx
            .select({ id: deputies.id })
            .from(deputies)
            .where(and(eq(deputies.tenantId, this.tenant), inArray(deputies.id, deputyIds)))
        : [];
      if (known.length > 0) {
        await this.tx.insert(activityDeputies).values(known.map((d) => ({ activityId: activity!.id, deputyId: d.id })));
      }
    }
  }

  async loadTimer(timerId: string) {
    const [row] = await selectPrepared<{
      id: string;
      case_id: string;
      state_id: string;
      entry_seq: number;
      deadline_id: string;
      rung_id: string;
      event: string | null;
      notify: TimerRow["notify"] | string;
      due_at: string | Date;
    }>(
      this.tx,
      "load_timer",
      sql`select id, case_id, state_id, entry_seq, deadline_id, rung_id, event, notify, due_at from case_timers
          where tenant_id = ${this.tenant} and id = ${timerId} for update skip locked`,
    );
    if (!row) return null;
    return {
      id: row.id,
      caseId: row.case_id,
      stateId: row.state_id,
      entrySeq: row.entry_seq,
      deadlineId: row.deadline_id,
      rungId: row.rung_id,
      event: row.event,
      notify: typeof row.notify === "string" ? (JSON.parse(row.notify) as TimerRow["notify"]) : row.notify,
      dueAt: new Date(row.due_at),
    };
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

const isSatisfaction = (value: unknown): value is (typeof satisfactionLevels)[number] =>
  (satisfactionLevels as readonly unknown[]).includes(value);

function toEventRow(row: typeof caseEvents.$inferSelect): CaseEventRow {
  const { tenantId: _tenant, ...event } = row;
  return event;
}
