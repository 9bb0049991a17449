import { useCallback, useEffect, useRef, useState } from "react";
import type { Selection } from "../../canvas-elements";
import type { DesignerDocument } from "../../document";

export const NO_SELECTION: Selection = { nodes: [], edges: [] };

/** What is selected on the canvas (not part of the undo history). */
export function useSelection(doc: DesignerDocument | null) {
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  /** What to select once an edit that names new elements has been applied. React may run an
   * update function only while rendering, so the ids it makes are known after that, not when
   * `edit` returns. */
  const pending = useRef<Selection | null>(null);
  // Runs once the edit has produced a new document.
  useEffect(() => {
    if (!pending.current) return;
    setSelection(pending.current);
    pending.current = null;
  }, [doc]);
  const selectAfterEdit = useCallback((next: Selection) => {
    pending.current = next;
  }, []);
  return { selection, setSelection, selectAfterEdit };
}
