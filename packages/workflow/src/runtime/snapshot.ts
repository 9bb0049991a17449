import type { CaseMachine } from "../compiler/compile-definition";
import type { CaseContext } from "../definition/library";
import type { CaseSnapshot } from "./case-store";

/** The XState snapshot a stored case resumes from. */
export function snapshotOf(machine: CaseMachine, stored: CaseSnapshot) {
  return machine.resolveState({ value: stored.value, context: stored.context });
}

/** What is stored of an XState snapshot: its state, its context and whether it is done. */
export function persisted(snapshot: { value: unknown; context: CaseContext; status: string }): CaseSnapshot {
  return {
    value: String(snapshot.value),
    context: snapshot.context,
    status: snapshot.status === "done" ? "done" : "active",
  };
}
