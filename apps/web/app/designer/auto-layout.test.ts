import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { currentRoute, drawnBounds, layoutStates, layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } from "./auto-layout";
import { edgeId } from "./document";
import { bezierPolyline, countCrossings } from "./edge-crossings";

const templates = WORKFLOW_TEMPLATES.map((t) => ZWorkflowDefinition.parse(t));
const citizenOpinion = templates.find((t) => t.key === "citizenOpinion")!;

/** The most crossings the auto-layout may draw per shipped template (what it achieves now). */
const MAX_CROSSINGS: Record<string, number> = {
  citizenOpinion: 3,
  deputySuggestion: 0,
  draftLawConsultation: 0,
  disputeMediation: 0,
  letterVisit: 0,
};

/**
 * How the designer drew a workflow before its edges followed ELK's routes: polyline layout,
 * then React Flow's bezier edges from the right handle to the left one.
 */
async function crossingsBefore(definition: (typeof templates)[number]) {
  const ids = Object.keys(definition.states);
  const pairs = ids.flatMap((from) =>
    definition.states[from]!.transitions.filter((t) => t.target !== from).map((t) => [from, t.target] as const),
  );
  const graph = await new ELK().layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.edgeRouting": "POLYLINE",
      "elk.layered.wrapping.strategy": "MULTI_EDGE",
      "elk.aspectRatio": "1.6",
    },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: pairs.map(([from, to], i) => ({ id: String(i), sources: [from], targets: [to] })),
  });
  const at = Object.fromEntries((graph.children ?? []).map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
  return countCrossings(
    pairs.map(([from, to]) =>
      bezierPolyline(
        { x: at[from]!.x + NODE_WIDTH, y: at[from]!.y + NODE_HEIGHT / 2 },
        { x: at[to]!.x, y: at[to]!.y + NODE_HEIGHT / 2 },
      ),
    ),
  );
}

describe("auto-layout", () => {
  it("places every state along the transitions, wrapped into rows, without overlaps", async () => {
    const positions = await layoutStates(citizenOpinion);
    expect(Object.keys(positions).sort()).toEqual(Object.keys(citizenOpinion.states).sort());
    // Reading order: a later layer is further right, or on a lower row.
    const before = (a: string, b: string) =>
      positions[a]!.y + NODE_HEIGHT <= positions[b]!.y || positions[a]!.x < positions[b]!.x;
    expect(before("registered", "stationReview")).toBe(true);
    expect(before("stationReview", "archived")).toBe(true);
    const xs = Object.values(positions).map((p) => p.x);
    const ys = Object.values(positions).map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs) + NODE_WIDTH;
    const height = Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT;
    expect(width / height).toBeLessThan(4); // not one long line
    const boxes = Object.values(positions);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
    }
  }, 30_000); // the first layout loads ELK (1.4 MB): slow on a busy machine

  it("routes every transition orthogonally, from its state's border to its target's, around the other states", async () => {
    const { positions, routes } = await layoutWorkflow(citizenOpinion);
    for (const [from, state] of Object.entries(citizenOpinion.states)) {
      state.transitions.forEach((transition, index) => {
        if (transition.target === from) return;
        const route = routes[edgeId(from, index)]!;
        expect(route, edgeId(from, index)).toBeDefined();
        for (let i = 1; i < route.length; i++) {
          const horizontal = Math.abs(route[i]!.y - route[i - 1]!.y) < 0.01;
          const vertical = Math.abs(route[i]!.x - route[i - 1]!.x) < 0.01;
          expect(horizontal || vertical).toBe(true);
        }
        const onBorder = (p: { x: number; y: number }, id: string) => {
          const box = positions[id]!;
          const inX = p.x >= box.x - 0.01 && p.x <= box.x + NODE_WIDTH + 0.01;
          const inY = p.y >= box.y - 0.01 && p.y <= box.y + NODE_HEIGHT + 0.01;
          return inX && inY;
        };
        expect(onBorder(route[0]!, from)).toBe(true);
        expect(onBorder(route.at(-1)!, transition.target)).toBe(true);
        // No segment runs through a state (its inside, 1 px in from the border).
        for (const box of Object.values(positions)) {
          for (let i = 1; i < route.length; i++) {
            const [a, b] = [route[i - 1]!, route[i]!];
            const overlapsX = Math.max(a.x, b.x) > box.x + 1 && Math.min(a.x, b.x) < box.x + NODE_WIDTH - 1;
            const overlapsY = Math.max(a.y, b.y) > box.y + 1 && Math.min(a.y, b.y) < box.y + NODE_HEIGHT - 1;
            expect(overlapsX && overlapsY, `${edgeId(from, index)} through a state`).toBe(false);
          }
        }
      });
    }
  }, 30_000);

  it("draws each shipped template with at most the crossings it achieves now (far fewer than before)", async () => {
    const figures: string[] = [];
    for (const definition of templates) {
      const { routes } = await layoutWorkflow(definition);
      const after = countCrossings(Object.values(routes));
      const before = await crossingsBefore(definition);
      figures.push(`${definition.key}: ${before} → ${after}`);
      expect(after, definition.key).toBeLessThanOrEqual(MAX_CROSSINGS[definition.key]!);
    }
    console.log(`edge crossings, before → after:\n  ${figures.join("\n  ")}`);
    expect(await crossingsBefore(citizenOpinion)).toBeGreaterThan(20);
  }, 30_000);

  it("keeps a route only while both its states stand where the layout put them", async () => {
    const layout = await layoutWorkflow(citizenOpinion);
    const id = edgeId("registered", 0);
    const target = citizenOpinion.states.registered!.transitions[0]!.target;
    expect(currentRoute(layout, id, "registered", target, layout.positions)).toBe(layout.routes[id]);
    const moved = { ...layout.positions, [target]: { x: layout.positions[target]!.x + 40, y: 0 } };
    expect(currentRoute(layout, id, "registered", target, moved)).toBeUndefined();
    expect(currentRoute(null, id, "registered", target, layout.positions)).toBeUndefined();
    // The same edge id, now another transition (an earlier one deleted), to another state.
    expect(currentRoute(layout, id, "registered", "archived", layout.positions)).toBeUndefined();
  }, 30_000);

  it("bounds what is drawn: the states and the routes that run outside them", async () => {
    expect(drawnBounds([], [])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    const states = [
      { x: 0, y: 0 },
      { x: 300, y: 200 },
    ];
    expect(drawnBounds(states, [])).toEqual({ x: 0, y: 0, width: 300 + NODE_WIDTH, height: 200 + NODE_HEIGHT });
    const around = [
      { x: NODE_WIDTH, y: 30 },
      { x: 600, y: 30 },
      { x: 600, y: -40 },
      { x: -20, y: -40 },
    ];
    expect(drawnBounds(states, [around])).toEqual({ x: -20, y: -40, width: 620, height: 240 + NODE_HEIGHT });
    // The shipped template's wrapped rows route edges beyond the states on both sides.
    const { positions, routes } = await layoutWorkflow(citizenOpinion);
    const nodesOnly = drawnBounds(Object.values(positions), []);
    const all = drawnBounds(Object.values(positions), Object.values(routes));
    expect(all.width).toBeGreaterThan(nodesOnly.width);
  }, 30_000);
});
