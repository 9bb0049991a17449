import { buildValidator } from "@rdlink/forms";
import { initialTransition, transition } from "xstate";
import { compileDefinition } from "../compiler/compile-definition";
import {
  mayBeSentBy,
  type TActingAs,
  type TActorRole,
  type TWorkflowDefinition,
  teamActor,
} from "../definition/definition-schema";
import type { CaseEvent } from "../definition/library";
import type { CaseStore } from "./case-store";
import { WorkflowError } from "./errors";
import { persisted, snapshotOf } from "./snapshot";
import { deskOf, isOverdueRung, ledgerFor, outboxFor, rowEffectsOf, timersOnEntry } from "./step-effects";

/**
 * The runtime: stateless, one step per call, on XState's pure `initialTransition` and
 * `transition`. Each call runs inside the caller's transaction (the store), so the case,
 * its event, its timers and its outbox rows are written together or not at all.
 */

/** Who sends an event: their roles and the keys of the county's teams they belong to. */
export type Actor = { userId: string | null; roles: readonly TActorRole[]; teams?: readonly string[] };

/** Every identity an actor may act as: its roles, then its teams. */
export const identitiesOf = (actor: Actor): TActingAs[] => [...actor.roles, ...(actor.teams ?? []).map(teamActor)];

/** A case's first event. */
export const CASE_STARTED = "CASE_STARTED";

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
      type: CASE_STARTED,
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
 * answers with the first result (and the case's status now) and writes nothing.
 */
export function applyEvent(
  store: CaseStore,
  caseId: string,
  event: { type: string; data?: Record<string, unknown> },
  options: ApplyOptions,
): Promise<StepResult> {
  return takeStep(store, caseId, event, options, {});
}

/** What a fired timer adds to its step: its own row goes, and its rung's notification is queued. */
export type TimerExtras = {
  deleteTimerIds?: string[];
  notify?: Record<string, unknown>;
  rung?: { stateId: string; deadlineId: string; rungId: string };
};

/** One step, with what a fired timer adds to it (`fireTimer`). */
export async function takeStep(
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
      // The step's seq and state, but the case's status now: a client that retries after the
      // case has closed (by this step or a later one) must not be told it is still open.
      const current = await store.loadCase(caseId);
      const status = current?.snapshot.status ?? "active";
      return { caseId, seq: earlier.seq, state: earlier.toState, status, replayed: true };
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
  // The step's own form when it has one, else the state's when the step moves the case on.
  const form =
    permitted.find((t) => t.form && t.form.length > 0)?.form ??
    (permitted.some((t) => t.target !== stored.state) ? state.form : []);
  if (!system && form.length > 0) {
    const parsed = validatorFor(form).safeParse(data);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
      throw new WorkflowError("invalidData", "The step's form is not filled in correctly", { fieldErrors });
    }
    // Keys beginning with `_` are no field of any form (field keys may not): notes the product
    // attaches to the step (a 交办's instructions), kept with the event, read by no guard.
    // A field an action of the step names outside the form (a 交办's 协办单位) is the action's to
    // read; core checks it against the county's units (event-forms.ts).
    const actionFields = new Set(
      permitted.flatMap((t) => t.actions.map((a) => a.params?.field)).filter((f) => typeof f === "string"),
    );
    const kept = Object.entries(data).filter(
      ([key]) => key.startsWith("_") || (actionFields.has(key) && !form.some((f) => f.key === key)),
    );
    data = { ...parsed.data, ...Object.fromEntries(kept) };
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
      effects: rowEffectsOf(stored.snapshot.context, next.context, actions as { type: string }[]),
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
