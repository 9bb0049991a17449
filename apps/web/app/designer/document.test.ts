import { validateDefinition, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import {
  addState,
  addTransition,
  edgeId,
  fieldKeysOf,
  freeId,
  moveStates,
  parseEdgeId,
  removeElements,
  toDocument,
  updateState,
  updateTransition,
} from "./document";

const citizenOpinion = () =>
  toDocument(
    WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion"),
    {},
  );
const codesAt = (doc: ReturnType<typeof citizenOpinion>, path: string) =>
  validateDefinition(doc.definition)
    .errors.filter((e) => e.path === path)
    .map((e) => e.code)
    .sort();

describe("the designer's document", () => {
  it("reads a stored draft with the format's defaults, and anything else as an empty workflow", () => {
    const doc = citizenOpinion();
    expect(validateDefinition(doc.definition).ok).toBe(true);
    expect(doc.definition.states.archived?.transitions).toEqual([]);
    expect(toDocument("nonsense", [1, 2]).definition.states).toEqual({});
    expect(toDocument({ states: { a: { kind: "task" } } }, { a: { x: 1, y: "2" } })).toMatchObject({
      definition: { states: { a: { label: { "zh-CN": "a" }, form: [], transitions: [] } } },
      layout: {},
    });
  });

  it("finds free ids and round-trips edge ids", () => {
    const taken = new Set(["step", "step_2"]);
    expect(freeId("step", (id) => taken.has(id))).toBe("step_3");
    expect(freeId("Bad id!", () => false)).toBe("state");
    expect(parseEdgeId(edgeId("stationReview", 2))).toEqual({ from: "stationReview", index: 2 });
    expect(parseEdgeId("x")).toBeNull();
  });

  it("a new state is unreachable and a dead end until it is connected both ways", () => {
    const added = addState(citizenOpinion(), { label: "代表接待", position: { x: 10, y: 20 } });
    expect(added.id).toBe("step");
    expect(added.doc.layout.step).toEqual({ x: 10, y: 20 });
    expect(codesAt(added.doc, "states.step")).toEqual(["noPathToFinal", "unreachableState"]);

    const into = addTransition(added.doc, "registered", "step", "转代表接待");
    expect(into.id).toBe(edgeId("registered", 1));
    expect(into.doc.definition.states.registered?.transitions[1]).toMatchObject({ event: "NEXT", target: "step" });
    expect(codesAt(into.doc, "states.step")).toEqual(["noPathToFinal"]);

    const out = addTransition(into.doc, "step", "stationReview");
    expect(validateDefinition(out.doc.definition).ok).toBe(true);
    // A second transition between the same states gets an event of its own.
    expect(addTransition(out.doc, "step", "stationReview").doc.definition.states.step?.transitions[1]?.event).toBe(
      "NEXT_2",
    );
  });

  it("edits a state and a transition without touching the others", () => {
    const doc = citizenOpinion();
    const renamed = updateState(doc, "registered", { label: { "zh-CN": "受理登记" } });
    expect(renamed.definition.states.registered?.label["zh-CN"]).toBe("受理登记");
    expect(renamed.definition.states.handling).toBe(doc.definition.states.handling);
    const relabelled = updateTransition(doc, edgeId("registered", 0), { label: { "zh-CN": "送审" } });
    expect(relabelled.definition.states.registered?.transitions[0]?.label["zh-CN"]).toBe("送审");
    expect(updateTransition(doc, "nope::9", { label: { "zh-CN": "x" } })).toBe(doc);
    const final = updateState(doc, "revisit", { kind: "final" });
    expect(final.definition.states.revisit).toMatchObject({ kind: "final", transitions: [], deadlines: [] });
  });

  it("deleting a state removes the transitions into it; deleting the initial state leaves none", () => {
    const doc = moveStates(citizenOpinion(), { groupReview: { x: 1, y: 1 } });
    const without = removeElements(doc, ["groupReview"], []);
    expect(without.definition.states.groupReview).toBeUndefined();
    expect(without.layout.groupReview).toBeUndefined();
    expect(without.definition.states.stationReview?.transitions.map((t) => t.target)).toEqual([
      "assignment",
      "replied",
    ]);
    expect(removeElements(doc, ["registered"], []).definition.initial).toBe("");
    const edgeGone = removeElements(doc, [], [edgeId("stationReview", 0)]);
    expect(edgeGone.definition.states.stationReview?.transitions.map((t) => t.event)).toEqual([
      "ANSWER_DIRECTLY",
      "ESCALATE",
    ]);
  });
});

describe("machine identifiers", () => {
  it("generates them when an element is added, valid and unique, and never changes them when its label is edited", () => {
    const added = addState(citizenOpinion(), { label: "代表接待", position: { x: 0, y: 0 } });
    const again = addState(added.doc, { label: "代表接待", position: { x: 0, y: 0 } });
    expect(added.id).toMatch(/^step/);
    expect(again.id).not.toBe(added.id);
    const renamed = updateState(again.doc, added.id, { label: { "zh-CN": "代表约见" } });
    expect(renamed.definition.states[added.id]?.label["zh-CN"]).toBe("代表约见");
    const linked = addTransition(renamed, added.id, "archived", "归档");
    const linkedAgain = addTransition(linked.doc, added.id, "archived", "再归档");
    const events = linkedAgain.doc.definition.states[added.id]!.transitions.map((t) => t.event);
    expect(new Set(events).size).toBe(2);
    const relabelled = updateTransition(linkedAgain.doc, linked.id, { label: { "zh-CN": "转归档" } });
    expect(relabelled.definition.states[added.id]!.transitions[0]!.event).toBe(events[0]);
    expect(validateDefinition(relabelled.definition).errors.filter((e) => e.code === "invalid")).toEqual([]);
  });

  it("knows every field key of the workflow, so a new field's key is free across all its forms", () => {
    const keys = fieldKeysOf(citizenOpinion().definition);
    expect(keys.has("handlingUnit")).toBe(true);
    expect(keys.has("ruling")).toBe(true);
    expect(freeId("ruling", (k) => keys.has(k))).toBe("ruling_2");
  });
});
