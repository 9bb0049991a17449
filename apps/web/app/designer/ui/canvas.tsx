import "@xyflow/react/dist/style.css";
import "./canvas.css";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnSelectionChangeParams,
  ReactFlow,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import { nodeTypes, type StateNode, type StateNodeData } from "./state-node";

export type { Selection };

// Props React Flow compares by identity: kept at module scope so a drag re-renders none of them.
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 100 };
/** Below these zooms, edge labels and then the states' details are hidden (see canvas.css). */
const LABEL_MIN_ZOOM = 0.6;
const DETAIL_MIN_ZOOM = 0.45;
const zoomClass = (zoom: number) =>
  zoom < DETAIL_MIN_ZOOM ? "designer-zoomed-out designer-far-out" : zoom < LABEL_MIN_ZOOM ? "designer-zoomed-out" : "";

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
  const derivedEdges = useMemo(() => buildEdges(doc, problems, diff), [doc, problems, diff]);
  const [nodes, setNodes] = useState<StateNode[]>(derivedNodes);
  const [edges, setEdges] = useState<Edge[]>(derivedEdges);
  const [zoomClassName, setZoomClassName] = useState("");
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);

  useEffect(
    () => setNodes((prev) => reconcile(prev, derivedNodes, sameNode, selectedNodes)),
    [derivedNodes, selectedNodes],
  );
  useEffect(
    () => setEdges((prev) => reconcile(prev, derivedEdges, sameEdge, selectedEdges)),
    [derivedEdges, selectedEdges],
  );

  // The document decides what exists: React Flow's own removals are answered through onDelete.
  const onNodesChange = useCallback(
    (changes: NodeChange<StateNode>[]) =>
      setNodes((prev) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== "remove"),
          prev,
        ),
      ),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) =>
      setEdges((prev) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== "remove"),
          prev,
        ),
      ),
    [],
  );

  const { onSelectionChange, onMoved, onConnect, onDelete } = props;
  const handlers = useMemo(
    () => ({
      onSelectionChange: ({ nodes: n, edges: e }: OnSelectionChangeParams) =>
        onSelectionChange({ nodes: n.map((x) => x.id), edges: e.map((x) => x.id) }),
      onNodeDragStop: (_event: unknown, _node: StateNode, dragged: StateNode[]) =>
        onMoved(
          Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
        ),
      onConnect: ({ source, target }: { source: string | null; target: string | null }) => {
        if (source && target && !target.startsWith(REMOVED)) onConnect(source, target);
      },
      onDelete: ({ nodes: n, edges: e }: { nodes: StateNode[]; edges: Edge[] }) =>
        onDelete({ nodes: n.map((x) => x.id), edges: e.map((x) => x.id) }),
      onMoveEnd: (_event: unknown, viewport: { zoom: number }) => setZoomClassName(zoomClass(viewport.zoom)),
      onInit: (flow: { getZoom: () => number }) => setZoomClassName(zoomClass(flow.getZoom())),
    }),
    [onSelectionChange, onMoved, onConnect, onDelete],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      {...handlers}
      className={zoomClassName}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      fitView
      minZoom={0.1}
      proOptions={PRO_OPTIONS}
    >
      <Background gap={20} />
      {!readOnly && <MiniMap pannable zoomable style={MINIMAP_STYLE} />}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
