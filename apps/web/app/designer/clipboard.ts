import { ID_PATTERN, type TState, ZState } from "@rdlink/workflow";
import { z } from "zod";
import { type DesignerDocument, freeId, type Position } from "./document";

/**
 * Copy and paste of states as JSON text, across workflows and browser tabs (the system
 * clipboard). Pasted states get fresh ids; transitions between pasted states follow them,
 * a transition to a state that is not pasted stays only if the target workflow has a state
 * of that id, and everything pasted is checked against the format first.
 */
export const CLIPBOARD_FORMAT = "rdlink/workflow-states";

const ZClipboard = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  states: z.record(z.string().regex(ID_PATTERN), ZState),
  layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
});
export type Clipboard = z.infer<typeof ZClipboard>;

export function copyStates(doc: DesignerDocument, stateIds: readonly string[]): Clipboard | null {
  const ids = stateIds.filter((id) => Object.hasOwn(doc.definition.states, id));
  if (ids.length === 0) return null;
  return {
    format: CLIPBOARD_FORMAT,
    states: Object.fromEntries(ids.map((id) => [id, doc.definition.states[id]!])),
    layout: Object.fromEntries(ids.filter((id) => doc.layout[id]).map((id) => [id, doc.layout[id]!])),
  };
}

/** The clipboard's text as states to paste, or null for anything else (text from elsewhere). */
export function readClipboard(text: string): Clipboard | null {
  try {
    const parsed = ZClipboard.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Pastes with fresh ids, `offset` away from where the copies were; returns the new ids. */
export function pasteStates(
  doc: DesignerDocument,
  clipboard: Clipboard,
  offset: Position = { x: 40, y: 40 },
): { doc: DesignerDocument; ids: string[] } {
  const states = { ...doc.definition.states };
  const renamed = new Map<string, string>();
  for (const id of Object.keys(clipboard.states)) {
    const fresh = freeId(id, (s) => Object.hasOwn(states, s) || [...renamed.values()].includes(s));
    renamed.set(id, fresh);
  }
  const layout = { ...doc.layout };
  for (const [id, state] of Object.entries(clipboard.states) as [string, TState][]) {
    const fresh = renamed.get(id)!;
    const transitions = state.transitions.flatMap((t) => {
      const target = renamed.get(t.target) ?? (Object.hasOwn(doc.definition.states, t.target) ? t.target : null);
      return target ? [{ ...t, target }] : [];
    });
    states[fresh] = { ...structuredClone(state), transitions };
    const at = clipboard.layout[id] ?? { x: 0, y: 0 };
    layout[fresh] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  return { doc: { definition: { ...doc.definition, states }, layout }, ids: [...renamed.values()] };
}
