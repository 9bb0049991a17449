import { notifications } from "@mantine/notifications";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Selection } from "../../canvas-elements";
import { type Clipboard, copyStates, pasteStates, readClipboard } from "../../clipboard";
import type { DesignerDocument } from "../../document";
import type { Edit } from "./use-designer-history";

/**
 * Copy and paste of the selected states through the system clipboard, so that they reach
 * other tabs and workflows; what was copied here last stands in when the browser will not
 * read the clipboard. Pasted states are selected.
 */
export function useClipboard({
  doc,
  selectedStates,
  readOnly,
  edit,
  selectAfterEdit,
}: {
  doc: DesignerDocument | null;
  selectedStates: readonly string[];
  readOnly: boolean;
  edit: Edit;
  selectAfterEdit: (selection: Selection) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const copiedHere = useRef<Clipboard | null>(null);
  const copy = () => {
    if (!doc) return;
    const copied = copyStates(doc, selectedStates);
    if (!copied) return;
    copiedHere.current = copied;
    void navigator.clipboard?.writeText(JSON.stringify(copied)).catch(() => {});
    notifications.show({ message: tr("designer.copied", { count: Object.keys(copied.states).length }) });
  };
  const paste = async () => {
    const fromSystem = await navigator.clipboard
      ?.readText()
      .then(readClipboard)
      .catch(() => null);
    const source = fromSystem ?? copiedHere.current;
    if (!source || readOnly) return;
    edit((d) => {
      const pasted = pasteStates(d, source);
      selectAfterEdit({ nodes: pasted.ids, edges: [] });
      return pasted.doc;
    });
  };
  return { copy, paste };
}
