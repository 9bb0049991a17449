import type { ValidationIssue, ValidationResult } from "@rdlink/workflow";
import { edgeId, parseEdgeId } from "./document";

/** Which element of the canvas a validation issue is about, from its path. */
export type IssueTarget =
  | { kind: "state"; stateId: string }
  | { kind: "transition"; edgeId: string }
  | { kind: "workflow" };

const PATH = /^states\.([a-zA-Z0-9_]+)(?:\.transitions\[(\d+)\])?/;

export function issueTarget(path: string): IssueTarget {
  const match = PATH.exec(path);
  if (!match) return { kind: "workflow" };
  const [, stateId, index] = match;
  return index === undefined
    ? { kind: "state", stateId: stateId! }
    : { kind: "transition", edgeId: edgeId(stateId!, Number(index)) };
}

export type Problem = ValidationIssue & { severity: "error" | "warning"; target: IssueTarget };

/** Every problem with its severity and element, errors first; and the worst severity per element. */
export function collectProblems(result: ValidationResult) {
  const problems: Problem[] = [
    ...result.errors.map((issue) => ({ ...issue, severity: "error" as const, target: issueTarget(issue.path) })),
    ...result.warnings.map((issue) => ({ ...issue, severity: "warning" as const, target: issueTarget(issue.path) })),
  ];
  const byElement = new Map<string, { severity: "error" | "warning"; codes: string[] }>();
  for (const problem of problems) {
    const key = elementKey(problem.target);
    if (!key) continue;
    const entry = byElement.get(key) ?? { severity: problem.severity, codes: [] };
    if (!entry.codes.includes(problem.code)) entry.codes.push(problem.code);
    byElement.set(key, entry);
  }
  return { problems, byElement };
}

/** `state:<id>` / `edge:<id>`: how the canvas looks up an element's problems. */
export function elementKey(target: IssueTarget): string | null {
  if (target.kind === "state") return `state:${target.stateId}`;
  if (target.kind === "transition") return `edge:${target.edgeId}`;
  return null;
}

/**
 * Where a problem is, as people name it: a state's label, or "state → transition" by their
 * labels; null for the workflow as a whole. Reads any definition, an unchecked file's too.
 */
export function placeLabel(definition: unknown, path: string): string | null {
  const target = issueTarget(path);
  const states = (definition as { states?: Record<string, RawState> } | null)?.states ?? {};
  const labelOf = (value: { label?: { "zh-CN"?: unknown } } | undefined, fallback: string) =>
    typeof value?.label?.["zh-CN"] === "string" ? value.label["zh-CN"] : fallback;
  if (target.kind === "state") return labelOf(states[target.stateId], target.stateId);
  if (target.kind === "transition") {
    const ref = parseEdgeId(target.edgeId);
    const state = ref ? states[ref.from] : undefined;
    const transition = ref && Array.isArray(state?.transitions) ? state.transitions[ref.index] : undefined;
    return `${labelOf(state, ref?.from ?? "")} → ${labelOf(transition, "")}`;
  }
  return null;
}

type RawState = { label?: { "zh-CN"?: unknown }; transitions?: { label?: { "zh-CN"?: unknown } }[] };
