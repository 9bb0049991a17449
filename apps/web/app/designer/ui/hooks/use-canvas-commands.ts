import type { TState } from "@rdlink/workflow";
import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { layoutStates, NODE_HEIGHT, NODE_WIDTH } from "../../auto-layout";
import type { Selection } from "../../canvas-elements";
import {
  addState,
  addTransition,
  type DesignerDocument,
  moveStates,
  type Position,
  parseEdgeId,
  removeElements,
} from "../../document";
import type { Problem } from "../../issues";
import { FIT_VIEW } from "../canvas";
import type { Edit } from "./use-designer-history";
import { NO_SELECTION } from "./use-selection";

/**
 * The commands of the toolbar, the canvas and the problems list that depend on the
 * canvas's viewport: a new state appears in the middle of the view, the view moves to what
 * is picked, and new elements are selected.
 */
export function useCanvasCommands({
  doc,
  edit,
  setSelection,
  selectAfterEdit,
  showProperties,
}: {
  doc: DesignerDocument | null;
  edit: Edit;
  setSelection: (selection: Selection) => void;
  selectAfterEdit: (selection: Selection) => void;
  /** Brings the properties tab forward, to edit what was just added or picked. */
  showProperties: () => void;
}) {
  const { t } = useTranslation();
  const flow = useReactFlow();

  const viewportCenter = (): Position => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    const center = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    return { x: Math.round(center.x - NODE_WIDTH / 2), y: Math.round(center.y - NODE_HEIGHT / 2) };
  };
  const addStateOfKind = (kind: TState["kind"]) => {
    if (!doc) return;
    const added = addState(doc, { label: t("designer.newState"), kind, position: viewportCenter() });
    edit(() => added.doc);
    setSelection({ nodes: [added.id], edges: [] });
    showProperties();
  };
  // The canvas's callbacks keep their identity, so that a drag re-renders none of its props.
  const connect = useCallback(
    (from: string, to: string) => {
      edit((d) => {
        const added = addTransition(d, from, to, t("designer.newTransition"));
        if (added.id) selectAfterEdit({ nodes: [], edges: [added.id] });
        return added.doc;
      });
    },
    [edit, t, selectAfterEdit],
  );
  const remove = useCallback(
    (target: Selection) => {
      edit((d) => removeElements(d, target.nodes, target.edges));
      setSelection(NO_SELECTION);
    },
    [edit, setSelection],
  );
  const moved = useCallback((positions: Record<string, Position>) => edit((d) => moveStates(d, positions)), [edit]);
  const autoLayout = async () => {
    if (!doc) return;
    const positions = await layoutStates(doc.definition);
    // Applied to the document as it is now: edits made while ELK ran are kept.
    edit((d) =>
      moveStates(
        d,
        Object.fromEntries(Object.entries(positions).filter(([id]) => Object.hasOwn(d.definition.states, id))),
      ),
    );
    requestAnimationFrame(() => flow.fitView({ ...FIT_VIEW, duration: 300 }));
  };
  const focus = (stateId: string) => {
    setSelection({ nodes: [stateId], edges: [] });
    void flow.fitView({ nodes: [{ id: stateId }], duration: 300, maxZoom: 1.2 });
  };
  const selectProblem = (problem: Problem) => {
    if (problem.target.kind === "state") focus(problem.target.stateId);
    else if (problem.target.kind === "transition") {
      const ref = parseEdgeId(problem.target.edgeId);
      setSelection({ nodes: [], edges: [problem.target.edgeId] });
      if (ref) void flow.fitView({ nodes: [{ id: ref.from }], duration: 300, maxZoom: 1.2 });
    }
    showProperties();
  };
  return {
    addStateOfKind,
    connect,
    remove,
    moved,
    autoLayout,
    focus,
    selectProblem,
    fitView: () => void flow.fitView({ ...FIT_VIEW, duration: 300 }),
    /** The whole workflow in view once the canvas has drawn it (a draft just opened). */
    fitViewAfterPaint: () => requestAnimationFrame(() => flow.fitView(FIT_VIEW)),
  };
}
