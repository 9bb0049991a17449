import type { TWorkflowDefinition } from "@rdlink/workflow";
import { type DesignerDocument, edgeId, type Position } from "./document";

/** The size every state node is drawn at (fixed, so the layout and the canvas agree). */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 76;

/** ELK is large (1.4 MB): loaded the first time a layout is needed, not with the designer. */
let elk: Promise<{ layout: (graph: ElkGraph) => Promise<ElkGraph> }> | undefined;
type ElkGraph = import("elkjs/lib/elk-api").ElkNode;
const loadElk = () => {
  elk ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  return elk;
};

/**
 * ELK "layered", left to right along the transitions, edges routed orthogonally around the
 * states. Long chains (most workflows) wrap into rows instead of one line too wide to read.
 * Measured on the shipped templates (auto-layout.test.ts): these options give the fewest
 * crossings of the options tried; more thoroughness, network-simplex placement, model order or
 * wider edge spacing each gave more.
 */
export const LAYOUT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": "40",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.wrapping.strategy": "MULTI_EDGE",
  "elk.aspectRatio": "1.6",
} as const;

/**
 * A laid-out workflow: each state's top-left corner, each transition's drawn path (by edge id)
 * and the two states it was routed between (an edge id names another transition once an
 * earlier one of its state is deleted).
 */
export type WorkflowLayout = {
  positions: Record<string, Position>;
  routes: Record<string, Position[]>;
  ends: Record<string, { from: string; to: string }>;
};

/**
 * Positions for every state and, for every transition between two states, the orthogonal
 * polyline ELK routed (start, bend points, end). The bundled build runs in the browser without
 * a worker; a 150-state graph takes well under a second.
 */
export async function layoutWorkflow(definition: Pick<TWorkflowDefinition, "states">): Promise<WorkflowLayout> {
  const ids = Object.keys(definition.states);
  const graph = await (await loadElk()).layout({
    id: "root",
    layoutOptions: LAYOUT_OPTIONS,
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: ids.flatMap((from) =>
      definition.states[from]!.transitions.flatMap((t, index) =>
        Object.hasOwn(definition.states, t.target) && t.target !== from
          ? [{ id: edgeId(from, index), sources: [from], targets: [t.target] }]
          : [],
      ),
    ),
  });
  const positions = Object.fromEntries(
    (graph.children ?? []).map((node) => [node.id, { x: node.x ?? 0, y: node.y ?? 0 }]),
  );
  const routes: Record<string, Position[]> = {};
  const ends: Record<string, { from: string; to: string }> = {};
  for (const edge of graph.edges ?? []) {
    const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    if (points.length < 2) continue;
    routes[edge.id] = points.map(({ x, y }) => ({ x, y }));
    ends[edge.id] = { from: edge.sources[0]!, to: edge.targets[0]! };
  }
  return { positions, routes, ends };
}

/** Positions only: what the document stores. */
export async function layoutStates(definition: Pick<TWorkflowDefinition, "states">): Promise<Record<string, Position>> {
  return (await layoutWorkflow(definition)).positions;
}

/**
 * The route of an edge, if it was routed between these two states and both still stand where
 * the layout put them (a state dragged since, or laid out by another run, makes the route
 * stale: the edge is then drawn from handle to handle).
 */
export function currentRoute(
  layout: WorkflowLayout | null,
  id: string,
  from: string,
  to: string,
  positions: Record<string, Position>,
): Position[] | undefined {
  const route = layout?.routes[id];
  const routed = layout?.ends[id];
  if (!route || routed?.from !== from || routed.to !== to) return undefined;
  const same = (state: string) => {
    const a = layout.positions[state];
    const b = positions[state];
    return !!a && !!b && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
  };
  return same(from) && same(to) ? route : undefined;
}

/**
 * The box around everything drawn: the states at these positions and the routed edges (a
 * route may run outside the states, round a row's end): what "fit the view" has to show.
 */
export function drawnBounds(
  positions: Position[],
  routes: Position[][],
): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  const xs = [...positions.flatMap((p) => [p.x, p.x + NODE_WIDTH]), ...routes.flat().map((p) => p.x)];
  const ys = [...positions.flatMap((p) => [p.y, p.y + NODE_HEIGHT]), ...routes.flat().map((p) => p.y)];
  if (xs.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** States without a position (a template, an import) are laid out before the first paint. */
export async function withPositions(doc: DesignerDocument): Promise<DesignerDocument> {
  const missing = Object.keys(doc.definition.states).some((id) => !doc.layout[id]);
  return missing ? { ...doc, layout: await layoutStates(doc.definition) } : doc;
}
