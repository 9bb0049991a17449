import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WORKFLOW_TEMPLATES } from "../templates";
import type { TWorkflowDefinitionInput } from "./definition-schema";
import { validateDefinition } from "./validate-definition";

const l = (zh: string) => ({ "zh-CN": zh });

/** A small valid workflow; each test breaks one thing. */
function base(): TWorkflowDefinitionInput {
  return {
    schemaVersion: 1,
    key: "sample",
    name: l("样例"),
    entry: { staff: { roles: ["station_liaison"] } },
    initial: "draft",
    counters: ["redo"],
    caseDates: ["assignedAt"],
    states: {
      draft: {
        label: l("起草"),
        kind: "task",
        assignee: { role: "station_liaison", scope: "station" },
        deadlines: [
          {
            id: "d",
            label: l("时限"),
            duration: { amount: 3, unit: "workingDays" },
            ladder: [{ id: "late", label: l("逾期"), atPercent: 100, event: "EXPIRE" }],
          },
        ],
        transitions: [
          { event: "SUBMIT", label: l("提交"), target: "review", roles: ["station_liaison"] },
          { event: "EXPIRE", label: l("逾期"), target: "review", roles: ["system"] },
        ],
      },
      review: {
        label: l("审核"),
        kind: "task",
        assignee: { role: "county_admin", scope: "county" },
        transitions: [
          { event: "APPROVE", label: l("通过"), target: "done", roles: ["county_admin"] },
          {
            event: "REJECT",
            label: l("退回"),
            target: "draft",
            roles: ["county_admin"],
            guard: { type: "counterBelow", params: { counter: "redo", value: 2 } },
            actions: [{ type: "incrementCounter", params: { counter: "redo" } }],
          },
        ],
      },
      done: { label: l("完成"), kind: "final" },
    },
  };
}

type Mutation = (d: TWorkflowDefinitionInput & { states: Record<string, any> }) => void;

function errorsAfter(mutate: Mutation) {
  const definition = structuredClone(base()) as Parameters<Mutation>[0];
  mutate(definition);
  const result = validateDefinition(definition);
  expect(result.ok).toBe(false);
  return result.errors;
}

describe("validateDefinition", () => {
  it("accepts a sound workflow and every shipped template", () => {
    expect(validateDefinition(base())).toMatchObject({ ok: true, errors: [] });
    for (const template of WORKFLOW_TEMPLATES) {
      const result = validateDefinition(template);
      expect(result.errors, template.key).toEqual([]);
    }
  });

  it("opens every shipped template without a warning of its own (a county starts from a clean slate)", () => {
    for (const template of WORKFLOW_TEMPLATES) {
      expect(validateDefinition(template).warnings, template.key).toEqual([]);
    }
    // The check can fail: a task without a deadline is warned about.
    const noDeadline = structuredClone(WORKFLOW_TEMPLATES[0]) as Record<string, any>;
    noDeadline.states.returnRuling.deadlines = [];
    expect(validateDefinition(noDeadline).warnings.map((w) => w.code)).toEqual(["taskWithoutDeadline"]);
  });

  const cases: [string, Mutation, string, string][] = [
    [
      "unknown target",
      (d) => (d.states.review.transitions[0].target = "donee"),
      "unknownTarget",
      "states.review.transitions[0].target",
    ],
    [
      "unreachable state",
      (d) => (d.states.orphan = { label: l("孤儿"), kind: "final" }),
      "unreachableState",
      "states.orphan",
    ],
    [
      "no path to a final state",
      (d) => {
        d.states.loop = {
          label: l("循环"),
          kind: "wait",
          transitions: [{ event: "AGAIN", label: l("再来"), target: "loop", roles: ["county_admin"] }],
        };
        d.states.review.transitions.push({ event: "PARK", label: l("搁置"), target: "loop", roles: ["county_admin"] });
      },
      "noPathToFinal",
      "states.loop",
    ],
    ["missing initial state", (d) => (d.initial = "nowhere"), "missingInitial", "initial"],
    [
      "duplicate event without guards",
      (d) =>
        d.states.review.transitions.push({
          event: "APPROVE",
          label: l("再通过"),
          target: "draft",
          roles: ["county_admin"],
        }),
      "ambiguousTransition",
      "states.review.transitions[2]",
    ],
    ["task without assignee", (d) => delete d.states.review.assignee, "missingAssignee", "states.review.assignee"],
    [
      "guard not in the library",
      (d) => (d.states.review.transitions[1].guard = { type: "runCode", params: {} }),
      "unknownGuard",
      "states.review.transitions[1].guard.type",
    ],
    [
      "guard with bad parameters",
      (d) => (d.states.review.transitions[1].guard.params = { counter: "redo", value: "two" }),
      "invalidGuardParams",
      "states.review.transitions[1].guard.params.value",
    ],
    [
      "guard on an undeclared counter",
      (d) => (d.states.review.transitions[1].guard.params.counter = "retries"),
      "unknownCounter",
      "states.review.transitions[1].guard.params.counter",
    ],
    [
      "action not in the library",
      (d) => (d.states.review.transitions[1].actions[0] = { type: "eval", params: { code: "1" } }),
      "unknownAction",
      "states.review.transitions[1].actions[0].type",
    ],
    [
      "action on an undeclared case date",
      (d) => (d.states.review.transitions[0].actions = [{ type: "setCaseDate", params: { date: "closedAt" } }]),
      "unknownCaseDate",
      "states.review.transitions[0].actions[0].params.date",
    ],
    [
      "delay unit not in the library",
      (d) => (d.states.draft.deadlines[0].duration.unit = "fortnights"),
      "unknownDurationUnit",
      "states.draft.deadlines[0].duration.unit",
    ],
    [
      "deadline on a final state",
      (d) => (d.states.done.deadlines = structuredClone(d.states.draft.deadlines)),
      "deadlineOnFinal",
      "states.done.deadlines",
    ],
    [
      "transition out of a final state",
      (d) =>
        (d.states.done.transitions = [{ event: "REOPEN", label: l("重开"), target: "draft", roles: ["county_admin"] }]),
      "transitionsOnFinal",
      "states.done.transitions",
    ],
    [
      "rung event no transition takes",
      (d) => (d.states.draft.deadlines[0].ladder[0].event = "VANISH"),
      "rungEventNotHandled",
      "states.draft.deadlines[0].ladder[0].event",
    ],
    [
      "unsupported field type",
      (d) => (d.states.draft.form = [{ key: "photo", label: l("照片"), type: "video" }]),
      "invalid",
      "states.draft.form[0].type",
    ],
    [
      "deadline from an undeclared case date",
      (d) => (d.states.draft.deadlines[0].from = { caseDate: "signedAt" }),
      "unknownCaseDate",
      "states.draft.deadlines[0].from.caseDate",
    ],
  ];

  it.each(cases)("reports %s with its exact path", (_name, mutate, code, path) => {
    const errors = errorsAfter(mutate);
    const match = errors.find((e) => e.code === code && e.path === path);
    expect(match, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(match!.message.startsWith(`${path}: `)).toBe(true);
  });

  it("reports every problem at once, not the first", () => {
    const errors = errorsAfter((d) => {
      d.states.review.transitions[0].target = "donee";
      delete d.states.review.assignee;
      d.states.draft.deadlines[0].duration.unit = "fortnights";
    });
    expect(errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(["unknownTarget", "missingAssignee", "unknownDurationUnit"]),
    );
  });

  it("warns, without blocking, about a task state that has no deadline", () => {
    const result = validateDefinition(base());
    expect(result.warnings.map((w) => w.path)).toEqual(["states.review"]);
  });

  it("names a target or a guard that is an object without calling its toString (fast-check's counterexample)", () => {
    const broken = structuredClone(WORKFLOW_TEMPLATES[0]) as Record<string, any>;
    const first = Object.values(broken.states as Record<string, any>).find((s) => s.transitions?.length)!;
    first.transitions[0].target = { toString: {} };
    first.transitions[0].guard = { type: { toString: {} } };
    const result = validateDefinition(broken);
    expect(result.errors.map((e) => e.message).join("\n")).toContain('state "{"toString":{}}" does not exist');
    expect(result.errors.map((e) => e.code)).toContain("unknownGuard");
  });

  it("never throws on arbitrary JSON, and always answers with errors", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateDefinition(value);
        expect(result.ok).toBe(false);
        expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on templates with random parts replaced by random JSON", () => {
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => {
            const key = Array.isArray(value) ? Number(k) : k;
            return [[...prefix, key], ...paths(v, [...prefix, key])];
          })
        : [];
    const template = WORKFLOW_TEMPLATES[0]!;
    const all = paths(template);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue(), (index, replacement) => {
        const copy = structuredClone(template) as Record<string, unknown>;
        const path = all[index]!;
        let node: any = copy;
        for (const part of path.slice(0, -1)) node = node[part];
        node[path.at(-1)!] = replacement;
        expect(() => validateDefinition(copy)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});

describe("automatic transitions", () => {
  it("refuses a loop of them, naming each state on it", () => {
    const auto = (target: string) => ({
      event: "AUTO",
      label: { "zh-CN": "自动" },
      target,
      roles: ["system"],
      auto: true,
    });
    const result = validateDefinition({
      schemaVersion: 1,
      key: "loop",
      name: { "zh-CN": "循环" },
      initial: "a",
      states: {
        a: { label: { "zh-CN": "甲" }, kind: "wait", transitions: [auto("b")] },
        b: {
          label: { "zh-CN": "乙" },
          kind: "wait",
          transitions: [auto("a"), { event: "END", label: { "zh-CN": "结束" }, target: "c", roles: ["county_admin"] }],
        },
        c: { label: { "zh-CN": "丙" }, kind: "final" },
      },
    });
    expect(result.ok).toBe(false);
    expect(result.errors.filter((e) => e.code === "autoLoop").map((e) => e.path)).toEqual(["states.a", "states.b"]);
  });
});

describe("a step nobody could ever take", () => {
  it("is refused when every way out is for the system and no deadline sends it", () => {
    const result = validateDefinition({
      schemaVersion: 1,
      key: "stuck",
      name: { "zh-CN": "卡住" },
      entry: { staff: { roles: ["county_admin"] } },
      initial: "waiting",
      states: {
        waiting: {
          label: { "zh-CN": "等待" },
          kind: "wait",
          transitions: [{ event: "TIMEOUT", label: { "zh-CN": "超时" }, target: "done", roles: ["system"] }],
        },
        done: { label: { "zh-CN": "办结" }, kind: "final" },
      },
    });
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([["states.waiting", "nobodyActs"]]);
  });
});

describe("how cases start", () => {
  const withoutEntry = (kind: TWorkflowDefinitionInput["kind"]) => {
    const definition = base();
    delete definition.entry;
    return validateDefinition({ ...definition, kind });
  };

  it("refuses a letter, mediation, consultation or custom workflow that nobody may register", () => {
    for (const kind of ["letter", "mediation", "consultation", "custom", undefined] as const) {
      expect(withoutEntry(kind).errors.map((e) => [e.path, e.code])).toEqual([["entry.staff", "missingEntry"]]);
    }
  });

  it("accepts opinions and suggestions without one: they have their own ways in", () => {
    expect(withoutEntry("opinion").ok).toBe(true);
    expect(withoutEntry("suggestion").ok).toBe(true);
  });
});

describe("teams", () => {
  const withTeam = (team: string | undefined, transitionTeams: string[]): TWorkflowDefinitionInput => {
    const definition = base();
    definition.states.draft!.assignee = { role: "team", scope: "county", ...(team ? { team } : {}) };
    definition.states.draft!.transitions![0] = {
      event: "SUBMIT",
      label: l("提交"),
      target: "review",
      teams: transitionTeams,
    };
    return definition;
  };

  it("accepts a step on a team's desk that the team takes, when the county has the team", () => {
    const result = validateDefinition(withTeam("petitionOffice", ["petitionOffice"]), {
      teams: new Set(["petitionOffice"]),
    });
    expect(result.errors).toEqual([]);
  });

  it("names a team's desk without its team, and every team the county does not have", () => {
    const result = validateDefinition(withTeam(undefined, ["legalAffairs"]), { teams: new Set(["petitionOffice"]) });
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ["states.draft.assignee.team", "missingTeam"],
      ["states.draft.transitions[0].teams[0]", "unknownTeam"],
    ]);
  });

  it("refuses a transition that names neither a role nor a team", () => {
    const result = validateDefinition(withTeam("petitionOffice", []));
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([["states.draft.transitions[0].roles", "noActor"]]);
  });
});
