import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher, useRevalidator } from "react-router";
import { withPositions } from "../../auto-layout";
import { type DesignerDocument, toDocument } from "../../document";
import type { ActionResult } from "../designer-data";

/** Autosave this long after the last edit (D7: within 5 s). */
const AUTOSAVE_MS = 1500;
/** After a failure (network, server), try again, less eagerly. */
const RETRY_MS = 10_000;

export type SaveStatus = "conflict" | "saveFailed" | "saving" | "unsaved" | "saved";

/** The draft as the loader gives it. */
type StoredDraft = { draft: unknown; draftLayout: unknown; draftRevision: number };

/**
 * Keeps the document and the stored draft in step. Opens the stored draft, and opens it
 * again when the server has a newer one (an import, "load theirs"); saves a moment after
 * the last edit; when someone else saved first, stops at a conflict until the user picks
 * theirs or keeps theirs overwritten by "mine".
 */
export function useAutosave({
  stored,
  doc,
  onOpen,
}: {
  stored: StoredDraft;
  doc: DesignerDocument | null;
  /** Called with each draft opened, to start editing it afresh. */
  onOpen: (doc: DesignerDocument) => void;
}) {
  /** The document as the server has it: what "saved" means. */
  const [saved, setSaved] = useState<DesignerDocument | null>(null);
  /** The revision the next save is based on. */
  const revision = useRef(stored.draftRevision);
  /** The newest revision this editor holds, opened or saved: only a newer stored one is opened. */
  const loadedRevision = useRef(0);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  // The latest callback, so that a new one each render does not cancel an opening under way.
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (stored.draftRevision <= loadedRevision.current) return;
    loadedRevision.current = stored.draftRevision;
    let cancelled = false;
    void withPositions(toDocument(stored.draft, stored.draftLayout)).then((opened) => {
      if (cancelled) return;
      revision.current = stored.draftRevision;
      open.current(opened);
      setSaved(opened);
      setConflict(null);
    });
    return () => {
      cancelled = true;
    };
  }, [stored.draftRevision, stored.draft, stored.draftLayout]);

  const saver = useFetcher<ActionResult>();
  /** The document of the save under way, to mark saved when the server accepts it. */
  const sending = useRef<DesignerDocument | null>(null);
  const dirty = !!doc && doc !== saved;
  const save = useCallback(
    (toSave: DesignerDocument, baseRevision = revision.current) => {
      sending.current = toSave;
      setSaveFailed(false);
      void saver.submit(
        {
          intent: "save",
          baseRevision,
          definition: JSON.stringify(toSave.definition),
          layout: JSON.stringify(toSave.layout),
        },
        { method: "post" },
      );
    },
    [saver.submit],
  );
  useEffect(() => {
    if (!dirty || !doc || saver.state !== "idle" || conflict) return;
    const timer = setTimeout(() => save(doc), saveFailed ? RETRY_MS : AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, doc, saver.state, conflict, saveFailed, save]);
  useEffect(() => {
    const sent = sending.current;
    if (saver.state !== "idle" || !saver.data || !sent) return;
    sending.current = null;
    if (saver.data.ok && saver.data.revision) {
      revision.current = saver.data.revision;
      loadedRevision.current = saver.data.revision;
      setSaved(sent);
    } else if (saver.data.formError === "errors.draftConflict") {
      setConflict(saver.data.values?.revision ?? "?");
    } else {
      setSaveFailed(true);
    }
  }, [saver.state, saver.data]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const revalidator = useRevalidator();
  const status: SaveStatus = conflict
    ? "conflict"
    : saveFailed
      ? "saveFailed"
      : saver.state !== "idle"
        ? "saving"
        : dirty
          ? "unsaved"
          : "saved";
  return {
    /** The draft's revision as last opened or saved (read `.current` when sending). */
    revision,
    dirty,
    status,
    /** The revision someone else saved, while this editor's save is refused. */
    conflict,
    /** Opens their draft: the loader answers the newer revision, which is opened as above. */
    loadTheirs: () => void revalidator.revalidate(),
    /** A deliberate overwrite: saved on top of the revision the other person made. */
    keepMine: () => {
      if (!doc) return;
      setConflict(null);
      save(doc, Number(conflict));
    },
  };
}
