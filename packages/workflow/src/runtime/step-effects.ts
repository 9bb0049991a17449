import { type CalendarOverrides, EMPTY_CALENDAR } from "../calendar";
import type { TWorkflowDefinition } from "../definition/definition-schema";
import type { CaseContext } from "../definition/library";
import type { CaseDesk, CaseRowEffect, CaseStore, LedgerRow, OutboxRow, TimerRow } from "./case-store";
import { dueByCap, rungTimes } from "./due-by";

/**
 * What a step writes besides the case's new snapshot, worked out from the definition: the
 * entered state's timers and desk, the ledger entries and the outbox messages of its actions.
 */

/** Whether a state's deadlines count working time, and so need the county's calendar. */
function needsCalendar(definition: TWorkflowDefinition, stateId: string): boolean {
  return (definition.states[stateId]?.deadlines ?? []).some((d) => d.duration.unit.startsWith("working"));
}

/** The entered state's timers, reading the county's calendar only when a deadline needs it. */
export async function timersOnEntry(
  store: CaseStore,
  definition: TWorkflowDefinition,
  caseId: string,
  stateId: string,
  entrySeq: number,
  context: CaseContext,
  enteredAt: Date,
): Promise<TimerRow[]> {
  const calendar = needsCalendar(definition, stateId) ? await store.calendar() : EMPTY_CALENDAR;
  return timersFor(definition, caseId, stateId, entrySeq, context, enteredAt, calendar);
}

/**
 * Timers for the deadlines of a state just entered, with absolute due times: as declared, or
 * ending earlier at the date a 交办 asked for (`due-by.ts`).
 */
export function timersFor(
  definition: TWorkflowDefinition,
  caseId: string,
  stateId: string,
  entrySeq: number,
  context: CaseContext,
  enteredAt: Date,
  calendar: CalendarOverrides,
): TimerRow[] {
  const state = definition.states[stateId];
  if (!state) return [];
  const cap = dueByCap(definition, stateId, context);
  return state.deadlines.flatMap((deadline) => {
    const from = typeof deadline.from === "object" ? context.dates[deadline.from.caseDate] : undefined;
    const base = from ? new Date(from) : enteredAt;
    const dueAts = rungTimes(deadline, base, enteredAt, cap, calendar);
    return deadline.ladder.map((rung, index) => ({
      id: `${caseId}:${stateId}@${entrySeq}:${deadline.id}:${rung.id}`,
      caseId,
      stateId,
      entrySeq,
      deadlineId: deadline.id,
      rungId: rung.id,
      event: rung.event ?? null,
      notify: rung.notify ?? null,
      dueAt: dueAts[index]!,
    }));
  });
}

/** Whose desk a state puts the case on, and when its first deadline warns and ends. */
export function deskOf(definition: TWorkflowDefinition, stateId: string, timers: TimerRow[]): CaseDesk {
  const state = definition.states[stateId];
  const deadline = state?.deadlines[0];
  const rungTime = (test: (atPercent: number) => boolean) => {
    const rungs = new Set(deadline?.ladder.filter((r) => test(r.atPercent)).map((r) => r.id));
    const times = timers.filter((t) => t.deadlineId === deadline?.id && rungs.has(t.rungId)).map((t) => t.dueAt);
    return times.length > 0 ? new Date(Math.min(...times.map(Number))) : null;
  };
  return {
    assigneeRole: state?.assignee?.role ?? null,
    assigneeScope: state?.assignee?.scope ?? null,
    assigneeTeam: state?.assignee?.role === "team" ? (state.assignee.team ?? null) : null,
    dueAt: rungTime((p) => p === 100),
    warnAt: rungTime((p) => p < 100),
    closes: state?.kind === "final" || state?.closes === true,
  };
}

/** Whether a fired rung is a deadline of someone's task running out. */
export function isOverdueRung(definition: TWorkflowDefinition, stateId: string, deadlineId: string, rungId: string) {
  const state = definition.states[stateId];
  if (state?.kind !== "task" || state.assignee?.role === "citizen") return false;
  const rung = state.deadlines.find((d) => d.id === deadlineId)?.ladder.find((r) => r.id === rungId);
  return (rung?.atPercent ?? 0) >= 100;
}

/**
 * What a step records on the case's row, for figures without snapshots: an answer and a 面商 by
 * the counts their actions keep in the context (they are applied, not returned, by XState), a
 * reopening by its action.
 */
export function rowEffectsOf(before: CaseContext, after: CaseContext, actions: { type: string }[]): CaseRowEffect[] {
  const effects: CaseRowEffect[] = [];
  if ((after.answers ?? 0) > (before.answers ?? 0)) effects.push("answered");
  if ((after.consultations ?? 0) > (before.consultations ?? 0)) effects.push("consulted");
  if (actions.some((a) => a.type === "reopenCase")) effects.push("reopened");
  return effects;
}

/** The ledger entries a step's `recordLedgerEntry` actions write. */
export function ledgerFor(
  actions: { type: string; params?: unknown }[],
  form: TWorkflowDefinition["states"][string]["form"],
  data: Record<string, unknown>,
  context: CaseContext,
  fallbackSummary: string,
): LedgerRow[] {
  const deputyIds = form
    .filter((f) => f.type === "deputy" && typeof data[f.key] === "string")
    .map((f) => String(data[f.key]));
  const entries = actions
    .filter((a) => a.type === "recordLedgerEntry")
    .map((a) => {
      const p = (a.params ?? {}) as { kind: LedgerRow["kind"]; figure?: LedgerRow["figure"]; summaryField?: string };
      const summary = p.summaryField ? (data[p.summaryField] ?? context.fields[p.summaryField]) : undefined;
      return {
        kind: p.kind,
        figure: p.figure ?? null,
        summary: typeof summary === "string" && summary.trim() ? summary.trim() : fallbackSummary,
        deputyIds,
      };
    });
  // One entry per kind and step: the same activity twice would count twice.
  return entries.filter((entry, index) => entries.findIndex((e) => e.kind === entry.kind) === index);
}

/** The outbox messages of a step's `notify` actions, due from the step's time. */
export function outboxFor(
  caseId: string,
  seq: number,
  actions: { type: string; params?: unknown }[],
  at: Date,
): OutboxRow[] {
  return actions
    .filter((a) => a.type === "notify")
    .map((a, actionIndex) => ({
      caseId,
      seq,
      actionIndex,
      kind: "notify",
      payload: (a.params ?? {}) as Record<string, unknown>,
      at,
    }));
}
