import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { diffDefinitions } from "./definition-diff";
import { addState, addTransition, edgeId, removeElements, toDocument, updateState, updateTransition } from "./document";

const published = ZWorkflowDefinition.parse(WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion"));

describe("diff between a draft and the published version", () => {
  it("finds nothing in an unchanged draft, whatever its key order", () => {
    expect(diffDefinitions(published, toDocument(published, {}).definition).count).toBe(0);
    const reordered = Object.fromEntries(Object.entries(published).reverse()) as typeof published;
    expect(diffDefinitions(published, reordered).count).toBe(0);
  });

  it("marks added, removed and changed states and transitions", () => {
    let doc = toDocument(published, {});
    const added = addState(doc, { label: "代表接待", position: { x: 0, y: 0 } });
    doc = addTransition(added.doc, "registered", added.id).doc;
    doc = updateState(doc, "handling", { label: { "zh-CN": "承办中" } });
    doc = updateTransition(doc, edgeId("closed", 1), { roles: ["county_admin"] }); // ARCHIVE
    doc = removeElements(doc, ["revisit"], []);
    const diff = diffDefinitions(published, doc.definition);
    expect(diff.states).toEqual({ step: "added", handling: "changed", revisit: "removed" });
    // ARCHIVE is closed's first transition once REVISIT (into the removed state) is gone.
    expect(diff.transitions).toEqual({ [edgeId("registered", 1)]: "added", [edgeId("closed", 0)]: "changed" });
    // REVISIT into the removed state, and the removed state's own REVISIT_DONE.
    expect(diff.removedTransitions.map((r) => `${r.from}:${r.transition.event}`).sort()).toEqual([
      "closed:REVISIT",
      "revisit:REVISIT_DONE",
    ]);
  });

  it("does not count moving a transition within its state as a change", () => {
    const doc = toDocument(published, {});
    const review = doc.definition.states.stationReview!;
    const swapped = {
      ...doc.definition,
      states: {
        ...doc.definition.states,
        stationReview: { ...review, transitions: [...review.transitions].reverse() },
      },
    };
    expect(diffDefinitions(published, swapped).count).toBe(0);
  });
});
