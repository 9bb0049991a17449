import { notifications } from "@mantine/notifications";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import type { ActionResult } from "../designer-data";

/** A problem the server found in an imported file: where (a JSON path, "" for the file) and the i18n key. */
export type ImportError = [path: string, messageKey: string];

/**
 * Replaces the draft of `revision` by a JSON file the user picks. The server checks it; a
 * file it refuses changes nothing and its problems are listed. A file it accepts becomes a
 * newer stored draft, which the autosave then opens.
 */
export function useImport(revision: RefObject<number>) {
  const { t } = useTranslation();
  const importer = useFetcher<ActionResult>();
  const [importErrors, setImportErrors] = useState<ImportError[] | null>(null);
  /** The file last imported, read as JSON if it is: its problems are named by its own labels. */
  const importedFile = useRef<unknown>(null);
  useEffect(() => {
    const result = importer.data;
    if (importer.state !== "idle" || !result) return;
    if (result.ok) notifications.show({ color: "green", message: t("designer.importDone") });
    else
      setImportErrors(
        Object.entries(result.fieldErrors ?? {}).concat(result.formError ? [["", result.formError]] : []),
      );
  }, [importer.state, importer.data, t]);
  const importFile = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    try {
      importedFile.current = JSON.parse(text);
    } catch {
      importedFile.current = null;
    }
    void importer.submit({ intent: "import", baseRevision: revision.current, text }, { method: "post" });
  };
  return {
    importing: importer.state !== "idle",
    importFile,
    importErrors,
    importedFile: importedFile.current,
    closeImportErrors: () => setImportErrors(null),
  };
}
