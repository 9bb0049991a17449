import { resources } from "@rdlink/i18n";
import { validateDefinition } from "@rdlink/workflow";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { edgeId } from "./document";
import { collectProblems, describePlace, issueTarget, problemText } from "./issues";

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

describe("problems in the user's words", () => {
  const definition = {
    states: {
      returnRuling: {
        label: { "zh-CN": "退回裁定" },
        transitions: [{ event: "RULE", label: { "zh-CN": "裁定" } }],
        form: [{ key: "ruling", label: { "zh-CN": "裁定结果" } }],
        deadlines: [{ id: "ruling", label: { "zh-CN": "裁定时限" } }],
      },
      nameless: {},
    },
  };
  const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ""}`;

  it("names the state, transition, field or deadline by its label, never by its path", () => {
    expect(describePlace(definition, "states.returnRuling")).toEqual({
      key: "designer.place.state",
      values: { state: "退回裁定" },
    });
    expect(describePlace(definition, "states.returnRuling.transitions[0].guard.params.value")).toEqual({
      key: "designer.place.transition",
      values: { state: "退回裁定", transition: "裁定" },
    });
    expect(describePlace(definition, "states.returnRuling.form[0].options")).toEqual({
      key: "designer.place.field",
      values: { state: "退回裁定", field: "裁定结果" },
    });
    expect(describePlace(definition, "states.returnRuling.deadlines[0].ladder[1].event")).toEqual({
      key: "designer.place.deadline",
      values: { state: "退回裁定", deadline: "裁定时限" },
    });
    expect(describePlace(definition, "initial")).toEqual({ key: "designer.place.workflow", values: {} });
  });

  it("falls back to the id for a nameless element and reads any input without throwing", () => {
    expect(describePlace(definition, "states.nameless").values).toEqual({ state: "nameless" });
    expect(describePlace(null, "states.a.transitions[3]").values).toEqual({ state: "a", transition: "" });
    expect(describePlace({ states: { a: { form: "x" } } }, "states.a.form[0]").values).toEqual({
      state: "a",
      field: "",
    });
  });

  it("says a problem as one sentence, place first", () => {
    expect(problemText(t, definition, "states.returnRuling", "designer.issues.taskWithoutDeadline")).toBe(
      'designer.problemAt{"place":"designer.place.state{\\"state\\":\\"退回裁定\\"}","message":"designer.issues.taskWithoutDeadline"}',
    );
  });
});

describe("a definition whose entry, capability or team is missing or unknown", () => {
  const i18n = i18next.createInstance();
  beforeAll(() => i18n.init({ lng: "zh-CN", fallbackLng: false, resources }));
  /** A 信访 drawn with every such mistake at once. */
  const letter = {
    schemaVersion: 1,
    key: "letter",
    kind: "letter",
    name: { "zh-CN": "信访件办理" },
    initial: "approve",
    states: {
      approve: {
        label: { "zh-CN": "批办" },
        kind: "task",
        assignee: { role: "team", scope: "county" },
        transitions: [
          {
            event: "APPROVE",
            label: { "zh-CN": "批转" },
            target: "done",
            teams: ["legalAffairs"],
            actions: [{ type: "sendToMars" }],
          },
        ],
      },
      done: { label: { "zh-CN": "办结" }, kind: "final" },
    },
  };

  it("names every problem by the labels the county gave, in Chinese, before publishing", () => {
    const result = validateDefinition(letter, { teams: new Set(["petitionOffice"]) });
    expect(result.ok).toBe(false);
    const t = i18n.t.bind(i18n) as never;
    const texts = result.errors.map((e) => problemText(t, letter, e.path, `designer.issues.${e.code}`));
    expect(texts).toEqual([
      "登记入口：没有可登记此类案件的角色，请在“案件从哪里来”中选择",
      "环节「批办」：办理人为团队，但没有选择哪个团队",
      "环节「批办」的流转「批转」：所选团队不是本区县的团队（可能已被删除）",
      "环节「批办」的流转「批转」：动作不在函数库中",
    ]);
    // Never an id or a path.
    for (const text of texts) expect(text).not.toMatch(/approve|APPROVE|legalAffairs|sendToMars|states\./);
  });
});
