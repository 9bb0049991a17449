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
 * Where a problem is, as people name it: an i18n key and the labels it names (a state, a
 * transition, a form field, a deadline), never an id or a path. Reads any definition, an
 * unchecked file's too; a nameless element is named by its id, the only name it has.
 */
export type Place = { key: string; values: Record<string, string> };

const DEEP_PATH = /^states\.([a-zA-Z0-9_]+)\.(transitions|form|deadlines)\[(\d+)\]/;

export function describePlace(definition: unknown, path: string): Place {
  const states = asRecord(asRecord(definition).states);
  const target = issueTarget(path);
  if (target.kind === "workflow")
    return { key: path.startsWith("entry") ? "designer.place.entry" : "designer.place.workflow", values: {} };
  const stateId = target.kind === "state" ? target.stateId : (parseEdgeId(target.edgeId)?.from ?? "");
  const state = asRecord(states[stateId]);
  const values: Record<string, string> = { state: labelOf(state, stateId) };
  const deep = DEEP_PATH.exec(path);
  if (!deep) return { key: "designer.place.state", values };
  const [, , list, index] = deep;
  const item = asRecord(Array.isArray(state[list!]) ? (state[list!] as unknown[])[Number(index)] : undefined);
  const name = labelOf(item, typeof item.key === "string" ? item.key : typeof item.id === "string" ? item.id : "");
  if (list === "transitions") return { key: "designer.place.transition", values: { ...values, transition: name } };
  if (list === "form") return { key: "designer.place.field", values: { ...values, field: name } };
  return { key: "designer.place.deadline", values: { ...values, deadline: name } };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Where a problem is, in the user's words: 环节「退回裁定」, or 整个流程. */
export function placeText(t: Translate, definition: unknown, path: string): string {
  const place = describePlace(definition, path);
  return t(place.key, place.values);
}

/** A whole problem as one sentence: 环节「退回裁定」：办理环节没有时限，可能无限期等待. */
export function problemText(t: Translate, definition: unknown, path: string, messageKey: string): string {
  return t("designer.problemAt", { place: placeText(t, definition, path), message: t(messageKey) });
}

/** A state's label, or "state → transition" by their labels; null for the workflow as a whole. */
export function placeLabel(definition: unknown, path: string): string | null {
  const place = describePlace(definition, path);
  if (place.key === "designer.place.workflow" || place.key === "designer.place.entry") return null;
  return place.values.transition !== undefined
    ? `${place.values.state} → ${place.values.transition}`
    : place.values.state!;
}

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const labelOf = (value: Raw, fallback: string) => {
  const zh = asRecord(value.label)["zh-CN"];
  return typeof zh === "string" && zh.trim() !== "" ? zh : fallback;
};
