import "@xyflow/react/dist/style.css";
import "./canvas.css";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import {
  Background,
  Controls,
  getViewportForBounds,
  MiniMap,
  type OnSelectionChangeParams,
  ReactFlow,
  useReactFlow,
  useStoreApi,
} from "@xyflow/react";
import { type CSSProperties, useEffect, useMemo, useRef, useState } from "react";
import { currentRoute, drawnBounds, layoutWorkflow, type WorkflowLayout } from "../auto-layout";
import {
  buildEdges,
  buildNodes,
  type ElementProblems,
  REMOVED,
  reconcile,
  type Selection,
  sameEdge,
  sameNode,
} from "../canvas-elements";
import type { DefinitionDiff } from "../definition-diff";
import type { DesignerDocument, Position } from "../document";
import { edgeTypes, type RoutedEdge } from "./routed-edge";
import { nodeTypes, type StateNode, type StateNodeData } from "./state-node";

export type { Selection };

// Props React Flow compares by identity: kept at module scope so a drag re-renders none of them.
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 100 };
/**
 * Nothing is drawn smaller than 11 px on screen: below these zooms, a state's details (13 px)
 * and then the edges' labels (14 px) are hidden, and a state's name (19 px) grows as the view
 * zooms out (canvas.css, from --designer-zoom) to stay readable.
 */
export const READABLE_PX = 11;
const DETAIL_MIN_ZOOM = READABLE_PX / 13;
const LABEL_MIN_ZOOM = READABLE_PX / 14;
const zoomClass = (zoom: number) =>
  zoom < LABEL_MIN_ZOOM ? "designer-zoomed-out designer-far-out" : zoom < DETAIL_MIN_ZOOM ? "designer-zoomed-out" : "";
/** A state's name is at most 29 px (canvas.css): the view never fits a workflow smaller than that reads. */
export const FIT_VIEW = { minZoom: READABLE_PX / 29, padding: 0.05 };
/** On the canvas while a state is dragged (canvas.css). */
const DRAGGING_CLASS = "designer-dragging";
/** Screen pixels left free at the start of a workflow too large to fit. */
const PAN_MARGIN = 8;
/** How long the transitions wait after an edit before ELK routes them again. */
const ROUTE_DELAY_MS = 250;

export function Canvas(props: {
  doc: DesignerDocument;
  problems: ElementProblems;
  diff: DefinitionDiff | null;
  published: { definition: TWorkflowDefinition; layout: Record<string, Position> } | null;
  activeState: string | null;
  selection: Selection;
  readOnly: boolean;
  onSelectionChange: (selection: Selection) => void;
  onMoved: (positions: Record<string, Position>) => void;
  onConnect: (from: string, to: string) => void;
  onDelete: (selection: Selection) => void;
}) {
  const { doc, problems, diff, published, activeState, selection, readOnly } = props;
  const cache = useRef(new Map<string, StateNodeData>());
  const derivedNodes = useMemo(
    () => buildNodes(doc, problems, diff, published, activeState, cache.current),
    [doc, problems, diff, published, activeState],
  );
  // ELK's routes for the states where the auto-layout puts them: drawn while the states stand there.
  const [routed, setRouted] = useState<{ routes: WorkflowLayout; of: TWorkflowDefinition } | null>(null);
  const routes = routed?.routes ?? null;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () =>
        void layoutWorkflow(doc.definition).then((layout) => live && setRouted({ routes: layout, of: doc.definition })),
      ROUTE_DELAY_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [doc.definition]);
  const derivedEdges = useMemo(() => buildEdges(doc, problems, diff, routes), [doc, problems, diff, routes]);
  // The first routes of a draft just opened: the view fits them too (a wrapped row's edges run
  // round its ends, outside the states), never below the zoom where the states' names read.
  const flow = useReactFlow<StateNode, RoutedEdge>();
  const store = useStoreApi();
  const fitted = useRef(false);
  useEffect(() => {
    if (!routes || fitted.current) return;
    fitted.current = true;
    const positions = Object.keys(doc.definition.states).flatMap((id) => doc.layout[id] ?? []);
    const drawn = Object.entries(routes.ends)
      .map(([id, { from, to }]) => currentRoute(routes, id, from, to, doc.layout))
      .filter((route) => route !== undefined);
    if (drawn.length === 0) return;
    const { width, height, maxZoom } = store.getState();
    const bounds = drawnBounds(positions, drawn);
    const view = getViewportForBounds(bounds, width, height, FIT_VIEW.minZoom, maxZoom, FIT_VIEW.padding);
    // Too large to fit at a readable zoom (a phone): the workflow's start, top left, is in view.
    if (bounds.width * view.zoom > width) view.x = PAN_MARGIN - bounds.x * view.zoom;
    if (bounds.height * view.zoom > height) view.y = PAN_MARGIN - bounds.y * view.zoom;
    void flow.setViewport(view);
  }, [routes, doc, flow, store]);
  // The states and transitions are React Flow's own (uncontrolled): a drag moves a state in its
  // store alone, with no render of this component on each pointer move. The document's changes
  // are handed to it below, states and transitions in the same batch, so that React Flow never
  // reports a selection half applied (which would come back here as a new selection).
  const [initialNodes] = useState(derivedNodes);
  const [initialEdges] = useState(derivedEdges);
  const [zoom, setZoom] = useState(1);
  const zoomStyle = useMemo(() => ({ "--designer-zoom": String(zoom) }) as CSSProperties, [zoom]);
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);

  useEffect(
    () => flow.setNodes((prev) => reconcile(prev, derivedNodes, sameNode, selectedNodes)),
    [flow, derivedNodes, selectedNodes],
  );
  useEffect(
    () => flow.setEdges((prev) => reconcile(prev, derivedEdges, sameEdge, selectedEdges)),
    [flow, derivedEdges, selectedEdges],
  );

  const { onSelectionChange, onMoved, onConnect, onDelete } = props;
  // A drag selects its node: the side panel follows once the drag ends, so that opening it
  // (the whole designer re-rendered) does not fall on the drag's frames. A click opens it at once.
  const dragging = useRef(false);
  const flowElement = useRef<HTMLDivElement>(null);
  const selectedWhileDragging = useRef<Selection | null>(null);
  const handlers = useMemo(
    () => ({
      onSelectionChange: ({ nodes: n, edges: e }: OnSelectionChangeParams) => {
        const next = { nodes: n.map((x) => x.id), edges: e.map((x) => x.id) };
        if (dragging.current) selectedWhileDragging.current = next;
        else onSelectionChange(next);
      },
      // A class set outside React (nothing re-renders): canvas.css lets the edges ignore the pointer meanwhile.
      onNodeDragStart: () => {
        dragging.current = true;
        flowElement.current?.classList.add(DRAGGING_CLASS);
      },
      onNodeDragStop: (_event: unknown, _node: StateNode, dragged: StateNode[]) => {
        dragging.current = false;
        flowElement.current?.classList.remove(DRAGGING_CLASS);
        onMoved(
          Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
        );
        if (selectedWhileDragging.current) onSelectionChange(selectedWhileDragging.current);
        selectedWhileDragging.current = null;
      },
      onConnect: ({ source, target }: { source: string | null; target: string | null }) => {
        if (source && target && !target.startsWith(REMOVED)) onConnect(source, target);
      },
      // Asked before React Flow removes anything, and answered no: the document removes them.
      onBeforeDelete: async ({ nodes: n, edges: e }: { nodes: StateNode[]; edges: RoutedEdge[] }) => {
        onDelete({ nodes: n.map((x) => x.id), edges: e.map((x) => x.id) });
        return false;
      },
      onMoveEnd: (_event: unknown, viewport: { zoom: number }) => setZoom(viewport.zoom),
      onInit: (flow: { getZoom: () => number }) => setZoom(flow.getZoom()),
    }),
    [onSelectionChange, onMoved, onConnect, onDelete],
  );

  return (
    <ReactFlow
      ref={flowElement}
      // Whether the transitions are drawn on the routes of the workflow as it is now (for tests and benchmarks).
      data-routed={routed?.of === doc.definition}
      defaultNodes={initialNodes}
      defaultEdges={initialEdges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      {...handlers}
      className={zoomClass(zoom)}
      style={zoomStyle}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      onlyRenderVisibleElements
      fitView
      fitViewOptions={FIT_VIEW}
      minZoom={0.1}
      proOptions={PRO_OPTIONS}
    >
      <Background gap={20} />
      {!readOnly && <MiniMap pannable zoomable style={MINIMAP_STYLE} />}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
