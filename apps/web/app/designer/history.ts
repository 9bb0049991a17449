/**
 * Undo/redo as a list of whole documents (they share everything that did not change, so
 * a step costs little). One entry per gesture: a drag or a paste commits once; typing in
 * a field commits with a `mergeKey`, and commits with the same key within MERGE_WINDOW_MS
 * replace the last entry instead of adding one. Selection is not history.
 */
export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** The key and time of the last commit, for merging keystroke bursts. */
  last?: { key: string; at: number };
};

export const HISTORY_LIMIT = 200;
export const MERGE_WINDOW_MS = 1000;

export const createHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

export function commit<T>(history: History<T>, next: T, options: { mergeKey?: string; now?: number } = {}): History<T> {
  if (next === history.present) return history;
  // How long since the last edit, not a date: the monotonic clock.
  const now = options.now ?? performance.now();
  const merge =
    options.mergeKey !== undefined &&
    history.last?.key === options.mergeKey &&
    now - history.last.at < MERGE_WINDOW_MS &&
    history.future.length === 0;
  const last = options.mergeKey === undefined ? undefined : { key: options.mergeKey, at: now };
  if (merge) return { ...history, present: next, last };
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], last };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...future] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future };
}

/** Starts over from `present` (after loading another revision): nothing to undo into. */
export const resetHistory = <T>(present: T): History<T> => createHistory(present);
