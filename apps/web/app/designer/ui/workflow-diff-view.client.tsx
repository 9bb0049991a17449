import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { withPositions } from "../auto-layout";
import type { ElementProblems } from "../canvas-elements";
import { diffDefinitions } from "../definition-diff";
import { type DesignerDocument, toDocument } from "../document";
import { Canvas } from "./canvas";
import { NO_SELECTION } from "./hooks/use-selection";

/** A workflow as stored: its definition and where its states are drawn. */
export type DrawnWorkflow = { definition: unknown; layout: unknown };

const NO_PROBLEMS: ElementProblems = new Map();
const ignore = () => {};

/**
 * `after` drawn as the designer draws it, marked against `before` as its "compare with the
 * published version" marks a draft: added, changed and removed states and transitions.
 * Read-only: the workflow is only looked at here.
 */
export default function WorkflowDiffView({ before, after }: { before: DrawnWorkflow; after: DrawnWorkflow }) {
  const [docs, setDocs] = useState<{ before: DesignerDocument; after: DesignerDocument } | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([
      withPositions(toDocument(before.definition, before.layout)),
      withPositions(toDocument(after.definition, after.layout)),
    ]).then(([b, a]) => live && setDocs({ before: b, after: a }));
    return () => {
      live = false;
    };
  }, [before, after]);
  if (!docs) return null;
  return (
    <ReactFlowProvider>
      <Canvas
        doc={docs.after}
        problems={NO_PROBLEMS}
        diff={diffDefinitions(docs.before.definition, docs.after.definition)}
        published={docs.before}
        activeState={null}
        selection={NO_SELECTION}
        readOnly
        onSelectionChange={ignore}
        onMoved={ignore}
        onConnect={ignore}
        onDelete={ignore}
      />
    </ReactFlowProvider>
  );
}
