import type { TState, TTransition, TWorkflowDefinition } from "@rdlink/workflow";
import { canonicalJson } from "@rdlink/workflow";
import { edgeId } from "./document";

/**
 * What a draft changes against a published version, for the canvas to highlight. States
 * are compared by id. Transitions have no id of their own, so they are matched by
 * (state, event, target) and, for repeats of that, by order: moving a transition in its
 * list is no change; editing its label, roles, guard or actions is.
 */
export type Change = "added" | "removed" | "changed";
export type RemovedTransition = { from: string; transition: TTransition };
export type DefinitionDiff = {
  states: Record<string, Change>;
  /** Edge ids of the draft's transitions that are new or changed. */
  transitions: Record<string, Exclude<Change, "removed">>;
  /** Published transitions the draft no longer has. */
  removedTransitions: RemovedTransition[];
  count: number;
};

const transitionKey = (from: string, t: { event: string; target: string }) => `${from}|${t.event}|${t.target}`;

/** A state's own content, without its transitions (those are compared one by one). */
const stateContent = ({ transitions: _transitions, ...state }: TState) => canonicalJson(state);

export function diffDefinitions(published: TWorkflowDefinition, draft: TWorkflowDefinition): DefinitionDiff {
  const states: Record<string, Change> = {};
  const transitions: Record<string, Exclude<Change, "removed">> = {};
  const removedTransitions: RemovedTransition[] = [];

  for (const [id, state] of Object.entries(draft.states)) {
    const before = published.states[id];
    if (!before) states[id] = "added";
    else if (stateContent(before) !== stateContent(state) || (published.initial === id) !== (draft.initial === id)) {
      states[id] = "changed";
    }
  }
  for (const id of Object.keys(published.states)) if (!Object.hasOwn(draft.states, id)) states[id] = "removed";

  for (const [from, state] of Object.entries(draft.states)) {
    const beforeByKey = new Map<string, TTransition[]>();
    for (const t of published.states[from]?.transitions ?? []) {
      const key = transitionKey(from, t);
      beforeByKey.set(key, [...(beforeByKey.get(key) ?? []), t]);
    }
    state.transitions.forEach((t, index) => {
      const match = beforeByKey.get(transitionKey(from, t))?.shift();
      if (!match) transitions[edgeId(from, index)] = "added";
      else if (canonicalJson(match) !== canonicalJson(t)) transitions[edgeId(from, index)] = "changed";
    });
    for (const left of beforeByKey.values())
      for (const transition of left) removedTransitions.push({ from, transition });
  }
  for (const [from, state] of Object.entries(published.states)) {
    if (Object.hasOwn(draft.states, from)) continue;
    for (const transition of state.transitions) removedTransitions.push({ from, transition });
  }
  return {
    states,
    transitions,
    removedTransitions,
    count: Object.keys(states).length + Object.keys(transitions).length + removedTransitions.length,
  };
}
