import { initialTransition, transition } from "xstate";
import { compileDefinition } from "../compiler/compile-definition";
import type { TActingAs, TWorkflowDefinition } from "../definition/definition-schema";
import { CASE_STARTED } from "./case-runtime";
import type { CaseEventRow, CaseSnapshot } from "./case-store";
import { VERSION_MIGRATED } from "./migrate-case";
import { persisted } from "./snapshot";

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
  if (!first || first.type !== CASE_STARTED) throw new Error("An event log starts with CASE_STARTED");
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
