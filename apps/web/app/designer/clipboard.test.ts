import { validateDefinition, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { copyStates, pasteStates, readClipboard } from "./clipboard";
import { toDocument } from "./document";

const doc = () =>
  toDocument(
    WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion"),
    {
      handling: { x: 100, y: 50 },
      supervised: { x: 300, y: 50 },
    },
  );

describe("copy and paste of states", () => {
  it("pastes copies under fresh ids, rewiring transitions between them", () => {
    const source = doc();
    const clipboard = copyStates(source, ["handling", "supervised", "nope"])!;
    expect(Object.keys(clipboard.states)).toEqual(["handling", "supervised"]);
    const { doc: pasted, ids } = pasteStates(source, readClipboard(JSON.stringify(clipboard))!);
    expect(ids).toEqual(["handling_2", "supervised_2"]);
    const copy = pasted.definition.states.handling_2!;
    // OVERDUE pointed at supervised: it now points at the pasted copy; REPLY still goes to replied.
    expect(copy.transitions.find((t) => t.event === "OVERDUE")?.target).toBe("supervised_2");
    expect(copy.transitions.find((t) => t.event === "REPLY")?.target).toBe("replied");
    expect(pasted.layout.handling_2).toEqual({ x: 140, y: 90 });
    // The originals are untouched, and the copies break nothing but reachability.
    expect(pasted.definition.states.handling).toBe(source.definition.states.handling);
    const codes = new Set(validateDefinition(pasted.definition).errors.map((e) => e.code));
    expect([...codes]).toEqual(["unreachableState"]);
  });

  it("into another workflow, keeps only the transitions whose target exists there", () => {
    const clipboard = copyStates(doc(), ["handling"])!;
    const empty = toDocument({ schemaVersion: 1, key: "x", name: { "zh-CN": "x" }, initial: "a", states: {} }, {});
    const { doc: pasted, ids } = pasteStates(empty, clipboard);
    expect(ids).toEqual(["handling"]);
    // The self-loops (co-handling answer, naming co-handling units, 催办) stay; REPLY and OVERDUE go.
    expect(pasted.definition.states.handling?.transitions.map((t) => t.event)).toEqual([
      "CO_REPLY",
      "SET_CO_UNITS",
      "URGE",
    ]);
  });

  it("ignores clipboard text that is not states of this format", () => {
    expect(readClipboard("hello")).toBeNull();
    expect(
      readClipboard(JSON.stringify({ format: "rdlink/workflow-states", states: { x: { kind: "nope" } } })),
    ).toBeNull();
    expect(readClipboard(JSON.stringify({ format: "other", states: {} }))).toBeNull();
  });
});
