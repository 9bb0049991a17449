import { describe, expect, it } from "vitest";
import { edgeId } from "./document";
import { collectProblems, issueTarget } from "./issues";

describe("issues on the canvas", () => {
  it("points each path at its state, its transition, or the workflow", () => {
    expect(issueTarget("states.review")).toEqual({ kind: "state", stateId: "review" });
    expect(issueTarget("states.review.assignee")).toEqual({ kind: "state", stateId: "review" });
    expect(issueTarget("states.review.transitions[2].target")).toEqual({
      kind: "transition",
      edgeId: edgeId("review", 2),
    });
    expect(issueTarget("states.review.deadlines[0].ladder[1].event")).toEqual({ kind: "state", stateId: "review" });
    expect(issueTarget("initial")).toEqual({ kind: "workflow" });
  });

  it("puts errors first and keeps the worst severity per element", () => {
    const { problems, byElement } = collectProblems({
      ok: false,
      errors: [
        { path: "states.a", code: "unreachableState", message: "" },
        { path: "states.a", code: "noPathToFinal", message: "" },
      ],
      warnings: [
        { path: "states.a", code: "taskWithoutDeadline", message: "" },
        { path: "states.b", code: "taskWithoutDeadline", message: "" },
      ],
    });
    expect(problems.map((p) => p.severity)).toEqual(["error", "error", "warning", "warning"]);
    expect(byElement.get("state:a")).toEqual({
      severity: "error",
      codes: ["unreachableState", "noPathToFinal", "taskWithoutDeadline"],
    });
    expect(byElement.get("state:b")?.severity).toBe("warning");
  });
});
