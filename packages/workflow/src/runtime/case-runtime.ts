import { buildValidator } from "@rdlink/forms";
import { initialTransition, transition } from "xstate";
import { addDuration, type CalendarOverrides, EMPTY_CALENDAR, fractionOf } from "../calendar";
import { type CaseMachine, compileDefinition } from "../compiler/compile-definition";
import {
  mayBeSentBy,
  type TActingAs,
  type TActorRole,
  type TWorkflowDefinition,
  teamActor,
} from "../definition/definition-schema";
import type { CaseContext, CaseEvent } from "../definition/library";
import type {
  CaseDesk,
  CaseEventRow,
  CaseSnapshot,
  CaseStore,
  LedgerRow,
  OutboxRow,
  StoredCase,
  TimerRow,
} from "./case-store";
import { WorkflowError } from "./errors";

/**
 * The runtime: stateless, one step per call, on XState's pure `initialTransition` and
 * `transition`. Each call runs inside the caller's transaction (the store), so the case,
 * its event, its timers and its outbox rows are written together or not at all.
 */

/** Who sends an event: their roles and the keys of the county's teams they belong to. */
export type Actor = { userId: string | null; roles: readonly TActorRole[]; teams?: readonly string[] };

/** Every identity an actor may act as: its roles, then its teams. */
export const identitiesOf = (actor: Actor): TActingAs[] => [...actor.roles, ...(actor.teams ?? []).map(teamActor)];

/** The event a timer sends when its rung names none: recorded, changes nothing. */
export const DEADLINE_REACHED = "DEADLINE_REACHED";
const START = "CASE_STARTED";

/** A step form's validator, built once per (cached, immutable) definition. */
const validators = new WeakMap<object, ReturnType<typeof buildValidator>>();
function validatorFor(form: TWorkflowDefinition["states"][string]["form"]) {
  let validator = validators.get(form);
  if (!validator) {
    validator = buildValidator(form);
    validators.set(form, validator);
  }
  return validator;
}

export type StepResult = { caseId: string; seq: number; state: string; status: "active" | "done"; replayed: boolean };

function snapshotOf(machine: CaseMachine, stored: CaseSnapshot) {
  return machine.resolveState({ value: stored.value, context: stored.context });
}

function persisted(snapshot: { value: unknown; context: CaseContext; status: string }): CaseSnapshot {
  return {
    value: String(snapshot.value),
    context: snapshot.context,
    status: snapshot.status === "done" ? "done" : "active",
  };
}

/** Whether a state's deadlines count working time, and so need the county's calendar. */
function needsCalendar(definition: TWorkflowDefinition, stateId: string): boolean {
  return (definition.states[stateId]?.deadlines ?? []).some((d) => d.duration.unit.startsWith("working"));
}

async function timersOnEntry(
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

/** Timers for the deadlines of a state just entered, with absolute due times. */
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
  return state.deadlines.flatMap((deadline) => {
    const from = typeof deadline.from === "object" ? context.dates[deadline.from.caseDate] : undefined;
    const base = from ? new Date(from) : enteredAt;
    return deadline.ladder.map((rung) => ({
      id: `${caseId}:${stateId}@${entrySeq}:${deadline.id}:${rung.id}`,
      caseId,
      stateId,
      entrySeq,
      deadlineId: deadline.id,
      rungId: rung.id,
      event: rung.event ?? null,
      notify: rung.notify ?? null,
      dueAt: addDuration(base, fractionOf(deadline.duration as never, rung.atPercent), calendar),
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
function isOverdueRung(definition: TWorkflowDefinition, stateId: string, deadlineId: string, rungId: string) {
  const state = definition.states[stateId];
  if (state?.kind !== "task" || state.assignee?.role === "citizen") return false;
  const rung = state.deadlines.find((d) => d.id === deadlineId)?.ladder.find((r) => r.id === rungId);
  return (rung?.atPercent ?? 0) >= 100;
}

/** The ledger entries a step's `recordLedgerEntry` actions write. */
function ledgerFor(
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

function outboxFor(caseId: string, seq: number, actions: { type: string; params?: unknown }[], at: Date): OutboxRow[] {
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

/** Opens a case on a published version: its first event, the first state's timers. */
export async function startCase(
  store: CaseStore,
  args: { caseId: string; versionId: string; data?: Record<string, unknown>; actor: Actor; now: Date },
): Promise<StepResult> {
  const { definition, hash } = await store.loadVersion(args.versionId);
  const machine = compileDefinition(definition, hash);
  const data = args.data ?? {};
  const [snapshot] = initialTransition(machine, { fields: data });
  const next = persisted(snapshot);
  const seq = 1;
  const timers = await timersOnEntry(store, definition, args.caseId, next.value, seq, next.context, args.now);
  const row = {
    id: args.caseId,
    versionId: args.versionId,
    seq,
    state: next.value,
    stateEnteredSeq: seq,
    snapshot: next,
    desk: deskOf(definition, next.value, timers),
  };
  await store.createCase(
    { ...row, status: next.status, at: args.now },
    {
      caseId: args.caseId,
      seq,
      type: START,
      fromState: null,
      toState: next.value,
      actorUserId: args.actor.userId,
      actorRole: args.actor.roles[0] ?? "citizen",
      data,
      at: args.now,
      idempotencyKey: null,
    },
    timers,
  );
  return { caseId: args.caseId, seq, state: next.value, status: next.status, replayed: false };
}

export type ApplyOptions = {
  expectedSeq: number;
  idempotencyKey?: string;
  actor: Actor;
  now: Date;
};

/**
 * One event on one case. Refused without any change when the case moved on since
 * `expectedSeq`, when the state has no such event, when none of the actor's roles may
 * send it, or when the step's form is not filled in right. A repeated idempotency key
 * answers with the first result and writes nothing.
 */
export function applyEvent(
  store: CaseStore,
  caseId: string,
  event: { type: string; data?: Record<string, unknown> },
  options: ApplyOptions,
): Promise<StepResult> {
  return step(store, caseId, event, options, {});
}

/** What a fired timer adds to its step: its own row goes, and its rung's notification is queued. */
type TimerExtras = {
  deleteTimerIds?: string[];
  notify?: Record<string, unknown>;
  rung?: { stateId: string; deadlineId: string; rungId: string };
};

async function step(
  store: CaseStore,
  caseId: string,
  event: { type: string; data?: Record<string, unknown> },
  options: ApplyOptions,
  extras: TimerExtras,
): Promise<StepResult> {
  if (options.idempotencyKey) {
    const earlier = await store.findEventByKey(caseId, options.idempotencyKey);
    if (earlier) {
      if (earlier.type !== event.type) {
        throw new WorkflowError("idempotencyConflict", "This idempotency key was used for another event", {
          key: options.idempotencyKey,
        });
      }
      return { caseId, seq: earlier.seq, state: earlier.toState, status: "active", replayed: true };
    }
  }
  const stored = await store.loadCase(caseId);
  if (!stored) throw new WorkflowError("caseNotFound", "No such case");
  if (stored.seq !== options.expectedSeq) {
    throw new WorkflowError("seqConflict", "The case has changed since it was loaded", {
      currentSeq: stored.seq,
      state: stored.state,
    });
  }
  const { definition, hash } = await store.loadVersion(stored.versionId);
  const machine = compileDefinition(definition, hash);
  const system = options.actor.roles.includes("system");
  const state = definition.states[stored.state];
  if (!state) throw new WorkflowError("caseNotFound", `State ${stored.state} is not in the case's version`);
  if (state.kind === "final" && !system) throw new WorkflowError("caseClosed", "The case is closed");

  // Automatic transitions are taken by themselves, never sent.
  const candidates = state.transitions.filter((t) => t.event === event.type && !t.auto);
  if (candidates.length === 0 && !system) {
    throw new WorkflowError("eventNotAvailable", `${event.type} is not possible in state ${stored.state}`, {
      state: stored.state,
    });
  }
  const identities = identitiesOf(options.actor);
  const permitted = candidates.filter((t) => mayBeSentBy(t).some((who) => identities.includes(who)));
  if (candidates.length > 0 && permitted.length === 0) {
    throw new WorkflowError("eventNotPermitted", `Your role may not send ${event.type} in state ${stored.state}`, {
      state: stored.state,
    });
  }
  const role: TActingAs =
    (permitted[0] && mayBeSentBy(permitted[0]).find((who) => identities.includes(who))) ??
    options.actor.roles[0] ??
    "system";

  let data = event.data ?? {};
  if (!system && permitted.some((t) => t.target !== stored.state) && state.form.length > 0) {
    const parsed = validatorFor(state.form).safeParse(data);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
      throw new WorkflowError("invalidData", "The step's form is not filled in correctly", { fieldErrors });
    }
    data = parsed.data;
  }

  const xEvent: CaseEvent = {
    type: event.type,
    data,
    at: options.now.toISOString(),
    actor: { userId: options.actor.userId, role },
  };
  const current = snapshotOf(machine, stored.snapshot);
  // A deadline's event may be only a record (催办) when no transition takes it; but when
  // transitions do and none of their guards holds, nothing happens and nothing is written.
  if ((!system || candidates.length > 0) && !current.can(xEvent)) {
    throw new WorkflowError("eventNotAvailable", `${event.type} is not possible now: its conditions are not met`, {
      state: stored.state,
    });
  }
  const [nextSnapshot, actions] = transition(machine, current, xEvent);
  const next = persisted(nextSnapshot);
  const seq = stored.seq + 1;
  const moved = next.value !== stored.state;
  const stateEnteredSeq = moved ? seq : stored.stateEnteredSeq;

  const outbox = outboxFor(caseId, seq, actions as { type: string; params?: unknown }[], options.now);
  const taken = permitted.find((t) => t.target === next.value) ?? permitted[0];
  const ledger = ledgerFor(
    actions as { type: string; params?: unknown }[],
    state.form,
    data,
    next.context,
    taken?.label["zh-CN"] ?? event.type,
  );
  if (extras.notify) {
    outbox.push({ caseId, seq, actionIndex: outbox.length, kind: "notify", payload: extras.notify, at: options.now });
  }
  const timers = moved
    ? await timersOnEntry(store, definition, caseId, next.value, seq, next.context, options.now)
    : [];
  const overdue = extras.rung
    ? isOverdueRung(definition, extras.rung.stateId, extras.rung.deadlineId, extras.rung.rungId)
    : false;
  const written = await store.writeStep({
    caseId,
    expectedSeq: options.expectedSeq,
    change: {
      seq,
      state: next.value,
      stateEnteredSeq,
      snapshot: next,
      status: next.status,
      at: options.now,
      desk: moved ? deskOf(definition, next.value, timers) : undefined,
      overdue,
    },
    event: {
      caseId,
      seq,
      type: event.type,
      fromState: stored.state,
      toState: next.value,
      actorUserId: options.actor.userId,
      actorRole: role,
      data,
      at: options.now,
      idempotencyKey: options.idempotencyKey ?? null,
    },
    leftState: moved ? stored.state : null,
    deleteTimerIds: extras.deleteTimerIds ?? [],
    timers,
    outbox,
    ledger,
  });
  if (!written) {
    throw new WorkflowError("seqConflict", "The case has changed since it was loaded", { state: stored.state });
  }
  return { caseId, seq, state: next.value, status: next.status, replayed: false };
}

export type TimerOutcome = {
  timerId: string;
  fired: boolean;
  reason?: "gone" | "stale" | "guardNotMet";
  result?: StepResult;
};

/**
 * Fires one due timer, exactly once: its event goes through `applyEvent` with the timer
 * id as idempotency key, and the timer row is deleted in the same transaction. A timer
 * whose state was left (or re-entered) since it was set is a logged no-op.
 */
export async function fireTimer(store: CaseStore, timerId: string, now: Date): Promise<TimerOutcome> {
  const timer = await store.loadTimer(timerId);
  if (!timer) return { timerId, fired: false, reason: "gone" };
  const stored = await store.loadCase(timer.caseId);
  if (!stored || stored.state !== timer.stateId || stored.stateEnteredSeq !== timer.entrySeq) {
    await store.deleteTimer(timerId);
    return { timerId, fired: false, reason: "stale" };
  }
  try {
    const result = await step(
      store,
      timer.caseId,
      { type: timer.event ?? DEADLINE_REACHED, data: { deadlineId: timer.deadlineId, rungId: timer.rungId } },
      { expectedSeq: stored.seq, idempotencyKey: `timer:${timerId}`, actor: { userId: null, roles: ["system"] }, now },
      {
        deleteTimerIds: [timerId],
        notify: timer.notify ? { ...timer.notify, timerId } : undefined,
        rung: { stateId: timer.stateId, deadlineId: timer.deadlineId, rungId: timer.rungId },
      },
    );
    return { timerId, fired: true, result };
  } catch (error) {
    // Its transitions' guards do not hold: the rung passes without a trace in the case's history.
    if (!(error instanceof WorkflowError && error.code === "eventNotAvailable")) throw error;
    await store.deleteTimer(timerId);
    return { timerId, fired: false, reason: "guardNotMet" };
  }
}

/** The event that moves a running case to another published version. */
export const VERSION_MIGRATED = "VERSION_MIGRATED";

/**
 * Moves a case to another version of its workflow, into the state the mapping names.
 * Its data stays; the old state's timers go, the new state's are set; the move is an
 * event in the case's log like any other.
 */
export async function migrateCase(
  store: CaseStore,
  caseId: string,
  args: { toVersionId: string; stateMap: Record<string, string>; actor: Actor; now: Date },
): Promise<StepResult> {
  const stored = await store.loadCase(caseId);
  if (!stored) throw new WorkflowError("caseNotFound", "No such case");
  const target = args.stateMap[stored.state];
  const { definition, hash } = await store.loadVersion(args.toVersionId);
  if (!target || !definition.states[target]) {
    throw new WorkflowError("eventNotAvailable", `State ${stored.state} has no mapping to the new version`);
  }
  const machine = compileDefinition(definition, hash);
  const next = persisted(machine.resolveState({ value: target, context: stored.snapshot.context }));
  const seq = stored.seq + 1;
  const timers = await timersOnEntry(store, definition, caseId, next.value, seq, next.context, args.now);
  const written = await store.writeStep({
    caseId,
    expectedSeq: stored.seq,
    change: {
      seq,
      state: next.value,
      stateEnteredSeq: seq,
      snapshot: next,
      status: next.status,
      at: args.now,
      versionId: args.toVersionId,
      desk: deskOf(definition, next.value, timers),
    },
    event: {
      caseId,
      seq,
      type: VERSION_MIGRATED,
      fromState: stored.state,
      toState: next.value,
      actorUserId: args.actor.userId,
      actorRole: args.actor.roles[0] ?? "system",
      data: { fromVersionId: stored.versionId, toVersionId: args.toVersionId },
      at: args.now,
      idempotencyKey: `migrate:${args.toVersionId}`,
    },
    leftState: stored.state,
    deleteTimerIds: [],
    timers,
    outbox: [],
  });
  if (!written)
    throw new WorkflowError("seqConflict", "The case has changed since it was loaded", { state: stored.state });
  return { caseId, seq, state: next.value, status: next.status, replayed: false };
}

/**
 * The snapshot a case's event log leads to, from the initial state: what the stored
 * snapshot must equal (the runtime is deterministic because every event carries its
 * time and actor). A migration event switches to the definition of the version it names.
 */
export function replayEvents(
  definition: TWorkflowDefinition,
  events: readonly CaseEventRow[],
  definitionsByVersion: Readonly<Record<string, TWorkflowDefinition>> = {},
): CaseSnapshot {
  let machine = compileDefinition(definition);
  const [first, ...rest] = events;
  if (!first || first.type !== START) throw new Error("An event log starts with CASE_STARTED");
  let [snapshot] = initialTransition(machine, { fields: first.data });
  for (const event of rest) {
    if (event.type === VERSION_MIGRATED) {
      const next = definitionsByVersion[String(event.data.toVersionId)];
      if (!next) throw new Error(`Replay needs the definition of version ${String(event.data.toVersionId)}`);
      machine = compileDefinition(next);
      snapshot = machine.resolveState({ value: event.toState, context: snapshot.context });
      continue;
    }
    [snapshot] = transition(machine, snapshot, {
      type: event.type,
      data: event.data,
      at: event.at.toISOString(),
      actor: { userId: event.actorUserId, role: event.actorRole as TActingAs },
    });
  }
  return persisted(snapshot);
}

export type { StoredCase };
