import { validateDefinition, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { layoutWorkflow } from "./auto-layout";
import { buildEdges, buildNodes, reconcile, sameEdge, sameNode } from "./canvas-elements";
import { diffDefinitions } from "./definition-diff";
import { addState, edgeId, moveStates, removeElements, toDocument, updateState } from "./document";
import { collectProblems } from "./issues";
import type { StateNodeData } from "./ui/state-node";

const template = WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion");
const problemsOf = (doc: ReturnType<typeof toDocument>) =>
  collectProblems(validateDefinition(doc.definition)).byElement;

describe("the canvas's elements", () => {
  it("keep their objects for every state a drag or an edit did not touch", () => {
    const cache = new Map<string, StateNodeData>();
    const doc = toDocument(template, { registered: { x: 0, y: 0 }, handling: { x: 300, y: 0 } });
    const first = buildNodes(doc, problemsOf(doc), null, null, null, cache);

    const dragged = moveStates(doc, { handling: { x: 320, y: 40 } });
    const afterDrag = reconcile(
      first,
      buildNodes(dragged, problemsOf(dragged), null, null, null, cache),
      sameNode,
      new Set(),
    );
    const changed = afterDrag.filter((node, i) => node !== first[i]).map((n) => n.id);
    expect(changed).toEqual(["handling"]);

    const renamed = updateState(dragged, "registered", { label: { "zh-CN": "受理" } });
    const afterEdit = reconcile(
      afterDrag,
      buildNodes(renamed, problemsOf(renamed), null, null, null, cache),
      sameNode,
      new Set(),
    );
    expect(afterEdit.filter((node, i) => node !== afterDrag[i]).map((n) => n.id)).toEqual(["registered"]);
    expect(afterEdit.find((n) => n.id === "handling")?.data).toBe(afterDrag.find((n) => n.id === "handling")?.data);
  });

  it("mark problems, changes and removed states, and one edge per transition", () => {
    const published = toDocument(template, {});
    const added = addState(published, { label: "代表接待", position: { x: 0, y: 0 } });
    const doc = removeElements(added.doc, ["revisit"], []);
    const problems = problemsOf(doc);
    const diff = diffDefinitions(published.definition, doc.definition);
    const nodes = buildNodes(doc, problems, diff, published, "registered", new Map());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get(added.id)?.data).toMatchObject({ severity: "error", change: "added" });
    expect(byId.get("registered")?.data).toMatchObject({ initial: true, active: true });
    expect(byId.get("removed:revisit")).toMatchObject({ draggable: false, data: { change: "removed" } });

    const edges = buildEdges(doc, problems, diff);
    expect(edges.filter((e) => !e.id.startsWith("removed:"))).toHaveLength(
      Object.values(doc.definition.states).reduce((n, s) => n + s.transitions.length, 0),
    );
    // closed's REVISIT went with the removed state: drawn dashed, from the published version.
    expect(edges.find((e) => e.id.startsWith("removed:closed:REVISIT"))?.target).toBe("removed:revisit");
    const again = reconcile(edges, buildEdges(doc, problems, diff), sameEdge, new Set([edgeId("registered", 0)]));
    expect(again.filter((e, i) => e !== edges[i]).map((e) => e.id)).toEqual([edgeId("registered", 0)]);
  });

  it("draws each edge along its ELK route, with an arrowhead, until one of its states is moved", async () => {
    const bare = toDocument(template, {});
    const layout = await layoutWorkflow(bare.definition);
    const doc = { ...bare, layout: layout.positions };
    const edges = buildEdges(doc, problemsOf(doc), null, layout);
    expect(edges.every((e) => e.type === "routed" && e.markerEnd)).toBe(true);
    const id = edgeId("registered", 0);
    const edge = edges.find((e) => e.id === id)!;
    expect(edge.data?.points).toBe(layout.routes[id]);
    expect(edge.data?.from).toEqual(layout.positions.registered);
    // The same route object for the same layout: the edge is not re-rendered.
    expect(buildEdges(doc, problemsOf(doc), null, layout).find((e) => e.id === id)!.data?.points).toBe(
      edge.data?.points,
    );
    const moved = moveStates(doc, { registered: { x: -500, y: -500 } });
    expect(buildEdges(moved, problemsOf(moved), null, layout).find((e) => e.id === id)!.data?.points).toBeUndefined();
    expect(buildEdges(doc, problemsOf(doc), null, null).find((e) => e.id === id)!.data?.points).toBeUndefined();
  }, 30_000);
});
