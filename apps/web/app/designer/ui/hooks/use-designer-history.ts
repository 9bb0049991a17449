import { useCallback, useState } from "react";
import type { DesignerDocument } from "../../document";
import { commit, type History, redo, resetHistory, undo } from "../../history";

/** Applies one change to the document; edits with the same `mergeKey` in a burst are one undo step. */
export type Edit = (change: (doc: DesignerDocument) => DesignerDocument, mergeKey?: string) => void;

/** The document being edited, with undo and redo. `doc` is null until a stored draft is opened (`reset`). */
export function useDesignerHistory() {
  const [history, setHistory] = useState<History<DesignerDocument> | null>(null);
  const edit = useCallback<Edit>(
    (change, mergeKey) => setHistory((h) => (h ? commit(h, change(h.present), { mergeKey }) : h)),
    [],
  );
  const undoEdit = useCallback(() => setHistory((h) => (h ? undo(h) : h)), []);
  const redoEdit = useCallback(() => setHistory((h) => (h ? redo(h) : h)), []);
  const reset = useCallback((doc: DesignerDocument) => setHistory(resetHistory(doc)), []);
  return {
    doc: history?.present ?? null,
    canUndo: (history?.past.length ?? 0) > 0,
    canRedo: (history?.future.length ?? 0) > 0,
    edit,
    undo: undoEdit,
    redo: redoEdit,
    reset,
  };
}
