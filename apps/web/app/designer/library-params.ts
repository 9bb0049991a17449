import type { actionLibrary, guardLibrary } from "@rdlink/workflow";

/**
 * How the property panel asks for each library entry's parameters. The library itself
 * (packages/workflow) checks them; this only says which input fits each one.
 */
export type ParamInput =
  | { name: string; input: "field" | "counter" | "caseDate" | "text" | "number" | "notifyTarget" | "template" }
  | { name: string; input: "list" }
  | { name: string; input: "roles" }
  | { name: string; input: "choice"; options: readonly string[] }
  | { name: string; input: "json" };

export const guardParams: Record<keyof typeof guardLibrary, ParamInput[]> = {
  fieldEquals: [
    { name: "field", input: "field" },
    { name: "value", input: "text" },
  ],
  fieldIn: [
    { name: "field", input: "field" },
    { name: "values", input: "list" },
  ],
  fieldCompare: [
    { name: "field", input: "field" },
    { name: "op", input: "choice", options: ["lt", "lte", "gt", "gte"] },
    { name: "value", input: "number" },
  ],
  fieldPresent: [{ name: "field", input: "field" }],
  counterAtLeast: [
    { name: "counter", input: "counter" },
    { name: "value", input: "number" },
  ],
  counterBelow: [
    { name: "counter", input: "counter" },
    { name: "value", input: "number" },
  ],
  actorRole: [{ name: "roles", input: "roles" }],
  allOf: [{ name: "guards", input: "json" }],
  anyOf: [{ name: "guards", input: "json" }],
};

export const actionParams: Record<keyof typeof actionLibrary, ParamInput[]> = {
  setField: [
    { name: "field", input: "field" },
    { name: "value", input: "text" },
  ],
  assignHandlingUnit: [{ name: "field", input: "field" }],
  setCoHandlingUnits: [{ name: "field", input: "field" }],
  setCaseDate: [{ name: "date", input: "caseDate" }],
  clearCaseDate: [{ name: "date", input: "caseDate" }],
  incrementCounter: [{ name: "counter", input: "counter" }],
  notify: [
    { name: "to", input: "notifyTarget" },
    { name: "template", input: "template" },
  ],
  recordSatisfaction: [{ name: "field", input: "field" }],
  mergeIntoCase: [],
  coHandlingReply: [{ name: "field", input: "field" }],
};

/** Every form field key the workflow's steps define, for guards and actions that name one. */
export function fieldKeys(states: Record<string, { form: { key: string }[] }>): string[] {
  return [...new Set(Object.values(states).flatMap((s) => s.form.map((f) => f.key)))].sort();
}
