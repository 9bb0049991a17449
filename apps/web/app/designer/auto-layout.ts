import type { TWorkflowDefinition } from "@rdlink/workflow";
import type { Position } from "./document";

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
 * Positions for every state by ELK's "layered" algorithm, left to right along the
 * transitions (as the anchors recommend). The bundled build runs in the browser without a
 * worker; a 150-state graph takes well under a second.
 */
export async function layoutStates(definition: Pick<TWorkflowDefinition, "states">): Promise<Record<string, Position>> {
  const ids = Object.keys(definition.states);
  const graph = await (await loadElk()).layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.edgeRouting": "POLYLINE",
      // Long chains (most workflows) wrap into rows instead of one line too wide to read.
      "elk.layered.wrapping.strategy": "MULTI_EDGE",
      "elk.aspectRatio": "1.6",
    },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: ids.flatMap((from) =>
      definition.states[from]!.transitions.filter(
        (t) => Object.hasOwn(definition.states, t.target) && t.target !== from,
      ).map((t, index) => ({ id: `${from}::${index}`, sources: [from], targets: [t.target] })),
    ),
  });
  return Object.fromEntries((graph.children ?? []).map((node) => [node.id, { x: node.x ?? 0, y: node.y ?? 0 }]));
}
