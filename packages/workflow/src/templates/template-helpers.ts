import type { TFieldDefinition } from "@rdlink/forms";
import type { TDeadlineInput, TStateInput, TTransitionInput } from "../definition/definition-schema";

/** A label in both languages. */
export const l = (zh: string, en: string) => ({ "zh-CN": zh, en });

export const selectField = (
  key: string,
  label: ReturnType<typeof l>,
  options: [string, ReturnType<typeof l>][],
  required = true,
): TFieldDefinition => ({
  key,
  label,
  type: "select",
  required,
  options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })),
});

export const textField = (
  key: string,
  label: ReturnType<typeof l>,
  type: "text" | "longText" = "longText",
  required = true,
): TFieldDefinition => ({ key, label, type, required });

export const SATISFACTION: [string, ReturnType<typeof l>][] = [
  ["satisfied", l("满意", "Satisfied")],
  ["basic", l("基本满意", "Mostly satisfied")],
  ["unsatisfied", l("不满意", "Unsatisfied")],
];

/** A deadline whose only rung reminds the assignee when it is due. */
export const reminder = (id: string, label: ReturnType<typeof l>, amount: number): TDeadlineInput => ({
  id,
  label,
  duration: { amount, unit: "workingDays" },
  ladder: [
    {
      id: "due",
      label: l("到期提醒", "Due"),
      atPercent: 100,
      notify: { to: "assignee", template: "case.deadline.due" },
    },
  ],
});

const handlingUnitField: TFieldDefinition = {
  key: "handlingUnit",
  label: l("承办单位", "Handling unit"),
  type: "handlingUnit",
  required: true,
};

/**
 * 交办: a handling unit is assigned, which starts the statutory clock (`assignedAt`).
 * Opinions are assigned by their township's congress body (现场交办), deputies'
 * suggestions by the county; the county admin may always step in.
 */
export const assignmentState = (
  label: ReturnType<typeof l>,
  days: number,
  extraForm: TFieldDefinition[] = [],
  by: "township" | "county" = "county",
): TStateInput => ({
  label,
  kind: "task",
  assignee:
    by === "township" ? { role: "township_operator", scope: "township" } : { role: "county_admin", scope: "county" },
  form: [handlingUnitField, ...extraForm],
  deadlines: [reminder("assign", l("交办时限", "Assignment"), days)],
  transitions: [
    {
      event: "ASSIGN",
      label: l("交办", "Assign"),
      target: "acceptance",
      roles: by === "township" ? ["township_operator", "county_admin"] : ["county_admin"],
      actions: [
        { type: "assignHandlingUnit", params: { field: "handlingUnit" } },
        { type: "setCaseDate", params: { date: "assignedAt" } },
        { type: "notify", params: { to: "handlingUnit", template: "case.assigned" } },
      ],
    },
  ],
});

/** 协办: the assigner names co-handling units while the lead unit has the case. */
export const setCoHandlingUnits = (state: string): TTransitionInput => ({
  event: "SET_CO_UNITS",
  label: l("指定协办单位", "Set co-handling units"),
  target: state,
  roles: ["township_operator", "county_admin"],
  actions: [
    { type: "setCoHandlingUnits", params: { field: "coHandlingUnits" } },
    { type: "notify", params: { to: "coHandlingUnits", template: "case.coAssigned" } },
  ],
});

/** A co-handling unit's answer: recorded, and the lead unit is told; the case stays with the lead. */
export const coHandlingReply = (state: string): TTransitionInput => ({
  event: "CO_REPLY",
  label: l("协办答复", "Co-handling answer"),
  target: state,
  roles: ["handling_unit_responder"],
  actions: [
    { type: "coHandlingReply", params: { field: "coReply" } },
    { type: "notify", params: { to: "handlingUnit", template: "case.coReplied" } },
  ],
});

/**
 * 签收: the handling unit accepts, or returns the assignment with a reason within three
 * working days; after that it counts as accepted.
 */
export const acceptanceState = (label: ReturnType<typeof l>, returnTo: string): TStateInput => ({
  label,
  kind: "task",
  assignee: { role: "handling_unit_responder", scope: "handlingUnit" },
  form: [textField("returnReason", l("退回理由", "Reason for returning"), "longText", false)],
  deadlines: [
    {
      id: "returnWindow",
      label: l("退回期限", "Return window"),
      duration: { amount: 3, unit: "workingDays" },
      ladder: [{ id: "closed", label: l("逾期视为签收", "Accepted by default"), atPercent: 100, event: "ACCEPT" }],
    },
  ],
  transitions: [
    { event: "ACCEPT", label: l("签收", "Accept"), target: "handling", roles: ["handling_unit_responder", "system"] },
    {
      event: "RETURN",
      label: l("退回", "Return"),
      target: returnTo,
      roles: ["handling_unit_responder"],
      guard: { type: "fieldPresent", params: { field: "returnReason" } },
    },
  ],
});
