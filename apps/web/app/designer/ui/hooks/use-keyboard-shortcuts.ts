import { useEffect, useRef } from "react";

type Commands = { undo: () => void; redo: () => void; copy: () => void; paste: () => Promise<void> };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Ctrl/⌘ + Z, Shift+Z or Y, C and V, except while typing in a field (it has its own undo and clipboard). */
export function useKeyboardShortcuts(readOnly: boolean, commands: Commands) {
  // The latest commands, read when a key is pressed: the listener is added once.
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || !(event.ctrlKey || event.metaKey) || readOnly) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) latest.current.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") latest.current.redo();
      else if (key === "c") latest.current.copy();
      else if (key === "v") void latest.current.paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly]);
}
