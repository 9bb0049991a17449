import {
  EVENT_PATTERN,
  ID_PATTERN,
  type TState,
  type TTransition,
  type TWorkflowDefinition,
  type TWorkflowKind,
} from "@rdlink/workflow";

/**
 * What the designer edits: a workflow definition (possibly invalid while someone works on
 * it) and the node positions kept beside it. Every edit is a pure function from one
 * document to the next, so undo is keeping old documents, and tests need no browser.
 */
export type Position = { x: number; y: number };
export type DesignerDocument = { definition: TWorkflowDefinition; layout: Record<string, Position> };

/** A transition on the canvas: the `index`-th transition of state `from`. */
export const edgeId = (from: string, index: number) => `${from}::${index}`;
export function parseEdgeId(id: string): { from: string; index: number } | null {
  const at = id.lastIndexOf("::");
  if (at < 0) return null;
  const index = Number(id.slice(at + 2));
  return Number.isInteger(index) ? { from: id.slice(0, at), index } : null;
}

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const arrayOf = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * A stored draft as the designer's document. Drafts are written by this designer, the
 * import and the templates, so they have the format's shape; what a half-edited draft may
 * lack (lists left out) is filled with the format's defaults. What is wrong in it stays
 * wrong, for the validation to point at.
 */
export function toDocument(draft: unknown, layout: unknown): DesignerDocument {
  const root = isObject(draft) ? draft : {};
  const states: Record<string, TState> = {};
  for (const [id, value] of Object.entries(isObject(root.states) ? root.states : {})) {
    const state = isObject(value) ? value : {};
    states[id] = {
      ...(state as TState),
      label: isObject(state.label) ? (state.label as TState["label"]) : { "zh-CN": id },
      form: arrayOf(state.form),
      deadlines: arrayOf(state.deadlines),
      transitions: arrayOf<TTransition>(state.transitions).map((t) => ({ ...t, actions: arrayOf(t.actions) })),
    };
  }
  const positions: Record<string, Position> = {};
  for (const [id, value] of Object.entries(isObject(layout) ? layout : {})) {
    if (isObject(value) && typeof value.x === "number" && typeof value.y === "number") {
      positions[id] = { x: value.x, y: value.y };
    }
  }
  return {
    definition: {
      ...(root as TWorkflowDefinition),
      schemaVersion: 1,
      caseDates: arrayOf(root.caseDates),
      counters: arrayOf(root.counters),
      states,
    },
    layout: positions,
  };
}

/** `handling`, `handling_2`, `handling_3`…: the first that is free and a valid id. */
export function freeId(base: string, taken: (id: string) => boolean, pattern = ID_PATTERN): string {
  const clean = pattern.test(base) ? base : pattern === EVENT_PATTERN ? "EVENT" : "state";
  if (!taken(clean)) return clean;
  const stem = clean.replace(/_\d+$/, "").slice(0, 34);
  let n = 2;
  while (taken(`${stem}_${n}`)) n++;
  return `${stem}_${n}`;
}

const withStates = (doc: DesignerDocument, states: Record<string, TState>): DesignerDocument => ({
  ...doc,
  definition: { ...doc.definition, states },
});

/** A new state at `position`; a task starts on the county admin's desk, to be changed in the panel. */
export function addState(
  doc: DesignerDocument,
  args: { label: string; kind?: TState["kind"]; position: Position },
): { doc: DesignerDocument; id: string } {
  const kind = args.kind ?? "task";
  const id = freeId(kind === "final" ? "end" : "step", (s) => Object.hasOwn(doc.definition.states, s));
  const state: TState = {
    label: { "zh-CN": args.label },
    kind,
    ...(kind === "task" ? { assignee: { role: "county_admin", scope: "county" } } : {}),
    form: [],
    deadlines: [],
    transitions: [],
  };
  const next = withStates(doc, { ...doc.definition.states, [id]: state });
  return { doc: { ...next, layout: { ...doc.layout, [id]: args.position } }, id };
}

export function updateState(doc: DesignerDocument, id: string, patch: Partial<TState>): DesignerDocument {
  const state = doc.definition.states[id];
  if (!state) return doc;
  const next = { ...state, ...patch };
  // A final state has no desk, deadlines or ways out: switching to it drops them.
  if (next.kind === "final") Object.assign(next, { assignee: undefined, deadlines: [], transitions: [] });
  return withStates(doc, { ...doc.definition.states, [id]: next });
}

export function setInitial(doc: DesignerDocument, id: string): DesignerDocument {
  return { ...doc, definition: { ...doc.definition, initial: id } };
}

/** What the workflow's cases are about: the figures they feed, where intake and 整合 find it. */
export function setKind(doc: DesignerDocument, kind: TWorkflowKind): DesignerDocument {
  return { ...doc, definition: { ...doc.definition, kind } };
}

/**
 * Who may register the workflow's cases in the workbench, and the form they fill in
 * (`entry.staff`); undefined takes the entry point away.
 */
export function setStaffEntry(
  doc: DesignerDocument,
  staff: NonNullable<TWorkflowDefinition["entry"]>["staff"],
): DesignerDocument {
  const { staff: _previous, ...rest } = doc.definition.entry ?? {};
  return { ...doc, definition: { ...doc.definition, entry: staff ? { ...rest, staff } : rest } };
}

/** A transition `from` → `to` with an event name not yet taken in `from`. */
export function addTransition(
  doc: DesignerDocument,
  from: string,
  to: string,
  label = "下一步",
): { doc: DesignerDocument; id: string } {
  const state = doc.definition.states[from];
  if (!state || !doc.definition.states[to] || state.kind === "final") return { doc, id: "" };
  const events = new Set(state.transitions.map((t) => t.event));
  const event = freeId("NEXT", (e) => events.has(e), EVENT_PATTERN);
  const transition: TTransition = {
    event,
    label: { "zh-CN": label },
    target: to,
    roles: ["county_admin"],
    actions: [],
  };
  const next = withStates(doc, {
    ...doc.definition.states,
    [from]: { ...state, transitions: [...state.transitions, transition] },
  });
  return { doc: next, id: edgeId(from, state.transitions.length) };
}

export function updateTransition(doc: DesignerDocument, id: string, patch: Partial<TTransition>): DesignerDocument {
  const ref = parseEdgeId(id);
  const state = ref && doc.definition.states[ref.from];
  const transition = ref && state?.transitions[ref.index];
  if (!ref || !state || !transition) return doc;
  const transitions = state.transitions.map((t, i) => (i === ref.index ? { ...transition, ...patch } : t));
  return withStates(doc, { ...doc.definition.states, [ref.from]: { ...state, transitions } });
}

/**
 * Deletes states (with every transition into them) and transitions, as one edit. Deleting
 * the initial state leaves the workflow without one, which validation then reports.
 */
export function removeElements(doc: DesignerDocument, stateIds: string[], edgeIds: string[]): DesignerDocument {
  const goneStates = new Set(stateIds);
  const goneEdges = new Set(edgeIds);
  if (goneStates.size === 0 && goneEdges.size === 0) return doc;
  const states: Record<string, TState> = {};
  for (const [id, state] of Object.entries(doc.definition.states)) {
    if (goneStates.has(id)) continue;
    const transitions = state.transitions.filter(
      (t, index) => !goneEdges.has(edgeId(id, index)) && !goneStates.has(t.target),
    );
    states[id] = transitions.length === state.transitions.length ? state : { ...state, transitions };
  }
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !goneStates.has(id)));
  const initial = goneStates.has(doc.definition.initial) ? "" : doc.definition.initial;
  return { definition: { ...doc.definition, initial, states }, layout };
}

/** New positions for some states (a drag, a layout); the others keep theirs. */
export function moveStates(doc: DesignerDocument, positions: Record<string, Position>): DesignerDocument {
  return { ...doc, layout: { ...doc.layout, ...positions } };
}

/**
 * Every field key the workflow's forms use (each state's, each step's own and the start form's): a case keeps
 * its data by key, so a new field's key is free across the whole workflow, not one form.
 */
export function fieldKeysOf(definition: TWorkflowDefinition): Set<string> {
  const keys = new Set<string>();
  for (const state of Object.values(definition.states)) {
    for (const field of state.form) keys.add(field.key);
    for (const transition of state.transitions) for (const field of transition.form ?? []) keys.add(field.key);
  }
  for (const field of definition.entry?.staff?.form ?? []) keys.add(field.key);
  return keys;
}
