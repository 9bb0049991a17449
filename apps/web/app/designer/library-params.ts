import { activityKinds, ledgerFigures } from "@rdlink/vocabulary/activity-kinds";
import type { actionLibrary, guardLibrary } from "@rdlink/workflow";
import { createContext } from "react";

/**
 * How the property panel asks for each library entry's parameters. The library itself
 * (packages/workflow) checks them; this only says which input fits each one.
 */
export type ParamInput =
  | { name: string; input: "field" | "counter" | "caseDate" | "text" | "number" | "notifyTarget" | "template" }
  | { name: string; input: "list" }
  | { name: string; input: "roles" }
  /** One of `options`, each labelled by the i18n key `<labels>.<option>` (default `designer.ops`). */
  | { name: string; input: "choice"; options: readonly string[]; labels?: string }
  | { name: string; input: "json" }
  | { name: string; input: "handlingUnit" };

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
  assignUnit: [{ name: "unit", input: "handlingUnit" }],
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
  acceptAssignment: [],
  urgeHandling: [],
  recordAnswer: [
    { name: "classField", input: "field" },
    { name: "publicField", input: "field" },
  ],
  recordConsultation: [],
  markKeySupervision: [{ name: "field", input: "field" }],
  reopenCase: [],
  recordLedgerEntry: [
    { name: "kind", input: "choice", options: activityKinds, labels: "ledger.kinds" },
    { name: "figure", input: "choice", options: ledgerFigures, labels: "ledger" },
    { name: "summaryField", input: "field" },
  ],
};

/** The fields the designer offers for guards and actions (`fieldChoices`), given by the designer. */
export const FieldChoicesContext = createContext<FieldChoice[]>([]);

/** The county's teams a step can be on the desk of, offered by name (definitions keep the key). */
export const TeamChoicesContext = createContext<{ key: string; name: string }[]>([]);

/** The county's handling units, offered by name for actions that name one (definitions keep the id). */
export const UnitChoicesContext = createContext<{ id: string; name: string }[]>([]);

type Text = { "zh-CN": string; en?: string };
/** A field a guard or action may name, as the designer offers it: by its label, with its choices. */
export type FieldChoice = { key: string; label: string; options?: { value: string; label: string }[] };
type FormField = { key: string; label: Text; options?: { value: string; label: Text }[] };

/**
 * The fields a guard can read: the start form's (what the citizen or the registering staff
 * filled in: 问题类别 and the station types' own fields) and each step's form, each named by
 * its label and where it is filled in, never by its key; a field with choices keeps them.
 */
export function fieldChoices(
  states: Record<string, { label: Text; form: FormField[] }>,
  startFields: FormField[],
  startFormName: string,
): FieldChoice[] {
  const choices = new Map<string, FieldChoice>();
  const add = (field: FormField, where: string) => {
    if (choices.has(field.key)) return;
    choices.set(field.key, {
      key: field.key,
      label: `${field.label["zh-CN"]}（${where}）`,
      options: field.options?.map((o) => ({ value: o.value, label: o.label["zh-CN"] })),
    });
  };
  for (const field of startFields) add(field, startFormName);
  for (const state of Object.values(states)) for (const field of state.form) add(field, state.label["zh-CN"]);
  return [...choices.values()];
}
