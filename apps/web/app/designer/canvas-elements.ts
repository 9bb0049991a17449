import type { TWorkflowDefinition } from "@rdlink/workflow";
import { MarkerType } from "@xyflow/react";
import { currentRoute, NODE_HEIGHT, NODE_WIDTH, type WorkflowLayout } from "./auto-layout";
import type { DefinitionDiff } from "./definition-diff";
import { type DesignerDocument, edgeId, type Position } from "./document";
import type { RoutedEdge } from "./ui/routed-edge";
import type { StateNode, StateNodeData } from "./ui/state-node";

/**
 * The canvas's nodes and edges from the document, its problems and its diff. What did not
 * change keeps its object identity, so React Flow and the memoised node view re-render only
 * the states an edit or a drag touched.
 */
export type Selection = { nodes: string[]; edges: string[] };
export type ElementProblems = Map<string, { severity: "error" | "warning"; codes: string[] }>;

export const REMOVED = "removed:";
/** An edge's line and arrowhead when nothing marks it: dark enough to follow on the grid. */
const EDGE_COLOR = "#6b7785";
const marker = (color: string) => ({ type: MarkerType.ArrowClosed, color, width: 18, height: 18 });
const EDGE_COLORS = { error: "#e03131", warning: "#f08c00", added: "#2f9e44", changed: "#e8590c", removed: "#fa5252" };

const sameCodes = (a?: string[], b?: string[]) => (a ?? []).join() === (b ?? []).join();

/** Node data for a state: the previous object when nothing it shows has changed (so memo holds). */
function stateData(previous: StateNodeData | undefined, next: StateNodeData): StateNodeData {
  if (
    previous &&
    previous.state === next.state &&
    previous.initial === next.initial &&
    previous.severity === next.severity &&
    sameCodes(previous.problemCodes, next.problemCodes) &&
    previous.change === next.change &&
    previous.active === next.active
  ) {
    return previous;
  }
  return next;
}

export function buildNodes(
  doc: DesignerDocument,
  problems: ElementProblems,
  diff: DefinitionDiff | null,
  published: { definition: TWorkflowDefinition; layout: Record<string, Position> } | null,
  activeState: string | null,
  cache: Map<string, StateNodeData>,
): StateNode[] {
  const nodes: StateNode[] = [];
  const seen = new Map<string, StateNodeData>();
  for (const [id, state] of Object.entries(doc.definition.states)) {
    const problem = problems.get(`state:${id}`);
    const data = stateData(cache.get(id), {
      state,
      initial: doc.definition.initial === id,
      severity: problem?.severity,
      problemCodes: problem?.codes,
      change: diff?.states[id],
      active: activeState === id,
    });
    seen.set(id, data);
    nodes.push({
      id,
      type: "state",
      position: doc.layout[id] ?? { x: 0, y: 0 },
      data,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    });
  }
  cache.clear();
  for (const [id, data] of seen) cache.set(id, data);
  // In comparison mode, the published states the draft removed stay visible, greyed and dashed.
  if (diff && published) {
    for (const [id, change] of Object.entries(diff.states)) {
      const state = published.definition.states[id];
      if (change !== "removed" || !state) continue;
      nodes.push({
        id: `${REMOVED}${id}`,
        type: "state",
        position: published.layout[id] ?? { x: 0, y: -NODE_HEIGHT * 2 },
        data: { state, initial: false, change: "removed" },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        selectable: false,
        connectable: false,
      });
    }
  }
  return nodes;
}

/** The edge's route while both its states stand where the layout put them (the same object for the same layout). */
function routeData(
  layout: WorkflowLayout | null,
  id: string,
  from: string,
  to: string,
  positions: Record<string, Position>,
): RoutedEdge["data"] {
  const points = currentRoute(layout, id, from, to, positions);
  return points && layout ? { points, from: layout.positions[from], to: layout.positions[to] } : {};
}

/**
 * Every transition as an edge. Drawn along the auto-layout's orthogonal route while both its
 * states stand where the layout put them; otherwise from handle to handle.
 */
export function buildEdges(
  doc: DesignerDocument,
  problems: ElementProblems,
  diff: DefinitionDiff | null,
  layout: WorkflowLayout | null = null,
): RoutedEdge[] {
  const edges: RoutedEdge[] = [];
  for (const [from, state] of Object.entries(doc.definition.states)) {
    state.transitions.forEach((transition, index) => {
      if (!Object.hasOwn(doc.definition.states, transition.target)) return; // shown in the problems list
      const id = edgeId(from, index);
      const problem = problems.get(`edge:${id}`);
      const change = diff?.transitions[id];
      const color = problem ? EDGE_COLORS[problem.severity] : change ? EDGE_COLORS[change] : undefined;
      edges.push({
        id,
        type: "routed",
        source: from,
        target: transition.target,
        data: routeData(layout, id, from, transition.target, doc.layout),
        label: `${problem ? "⚠ " : ""}${transition.label["zh-CN"]}`,
        markerEnd: marker(color ?? EDGE_COLOR),
        // An automatic transition is drawn dashed: nobody takes it, its condition does.
        style: {
          stroke: color ?? EDGE_COLOR,
          strokeWidth: color ? 2 : 1.5,
          ...(transition.auto ? { strokeDasharray: "6 4" } : {}),
        },
        labelStyle: color ? { fill: color } : undefined,
      });
    });
  }
  if (diff) {
    for (const { from, transition } of diff.removedTransitions) {
      const source = Object.hasOwn(doc.definition.states, from) ? from : `${REMOVED}${from}`;
      const target = Object.hasOwn(doc.definition.states, transition.target)
        ? transition.target
        : `${REMOVED}${transition.target}`;
      edges.push({
        id: `${REMOVED}${from}:${transition.event}:${transition.target}`,
        type: "routed",
        source,
        target,
        label: transition.label["zh-CN"],
        selectable: false,
        style: { stroke: EDGE_COLORS.removed, strokeDasharray: "6 4" },
        labelStyle: { fill: EDGE_COLORS.removed },
        markerEnd: marker(EDGE_COLORS.removed),
      });
    }
  }
  return edges;
}

/** The previous element objects where nothing changed, so React Flow re-renders only what did. */
export function reconcile<T extends { id: string; selected?: boolean }>(
  previous: T[],
  next: T[],
  unchanged: (a: T, b: T) => boolean,
  selected: Set<string>,
): T[] {
  const byId = new Map(previous.map((element) => [element.id, element]));
  return next.map((element) => {
    const before = byId.get(element.id);
    const isSelected = selected.has(element.id);
    if (before && unchanged(before, element) && !!before.selected === isSelected) return before;
    return { ...before, ...element, selected: isSelected };
  });
}

export const sameNode = (a: StateNode, b: StateNode) =>
  a.data === b.data && a.position.x === b.position.x && a.position.y === b.position.y;
export const sameEdge = (a: RoutedEdge, b: RoutedEdge) =>
  a.source === b.source &&
  a.data?.points === b.data?.points &&
  a.target === b.target &&
  a.label === b.label &&
  a.style?.stroke === b.style?.stroke &&
  a.style?.strokeDasharray === b.style?.strokeDasharray;
