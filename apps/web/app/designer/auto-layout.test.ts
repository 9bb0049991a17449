import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { layoutStates, NODE_HEIGHT, NODE_WIDTH } from "./auto-layout";

describe("auto-layout", () => {
  it("places every state along the transitions, wrapped into rows, without overlaps", async () => {
    const definition = ZWorkflowDefinition.parse(WORKFLOW_TEMPLATES.find((t) => t.key === "citizenOpinion"));
    const positions = await layoutStates(definition);
    expect(Object.keys(positions).sort()).toEqual(Object.keys(definition.states).sort());
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
});
