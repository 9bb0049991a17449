import { describe, expect, it } from "vitest";
import { commit, createHistory, HISTORY_LIMIT, MERGE_WINDOW_MS, redo, undo } from "./history";

describe("undo history", () => {
  it("undoes and redoes step by step; a new edit drops what could be redone", () => {
    let h = createHistory("a");
    h = commit(h, "b");
    h = commit(h, "c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    h = undo(h); // nothing left: no change
    expect(h.present).toBe("a");
    h = redo(h);
    expect(h.present).toBe("b");
    h = commit(h, "d");
    expect(redo(h).present).toBe("d");
    expect(h.past).toEqual(["a", "b"]);
  });

  it("keeps at least 100 steps", () => {
    let h = createHistory(0);
    for (let i = 1; i <= 150; i++) h = commit(h, i);
    for (let i = 0; i < 150; i++) h = undo(h);
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    expect(h.present).toBe(0);
    for (let i = 0; i < 150; i++) h = redo(h);
    expect(h.present).toBe(150);
  });

  it("forgets the oldest steps past its limit", () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = commit(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });

  it("merges a burst of keystrokes in one field into one step, but not a pause or another field", () => {
    let h = createHistory("");
    h = commit(h, "代", { mergeKey: "label:a", now: 0 });
    h = commit(h, "代表", { mergeKey: "label:a", now: 200 });
    h = commit(h, "代表接待", { mergeKey: "label:a", now: 400 });
    expect(h.past).toEqual([""]);
    h = commit(h, "代表接待日", { mergeKey: "label:a", now: 400 + MERGE_WINDOW_MS });
    h = commit(h, "x", { mergeKey: "label:b", now: 400 + MERGE_WINDOW_MS + 10 });
    expect(h.past).toEqual(["", "代表接待", "代表接待日"]);
    expect(undo(h).present).toBe("代表接待日");
  });

  it("ignores a commit that changes nothing", () => {
    const h = createHistory({ a: 1 });
    expect(commit(h, h.present)).toBe(h);
  });
});
