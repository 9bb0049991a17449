import { compileDefinition } from "../compiler/compile-definition";
import type { Actor, StepResult } from "./case-runtime";
import type { CaseStore } from "./case-store";
import { WorkflowError } from "./errors";
import { persisted } from "./snapshot";
import { deskOf, timersOnEntry } from "./step-effects";

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
