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
  extraActions: NonNullable<TTransitionInput["actions"]> = [],
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
        ...extraActions,
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
 * working days; after that it counts as accepted. `clock`, when given, is the case date the
 * acceptance sets: the handling deadline counted from it survives leaving and re-entering
 * the handling step (a refused extension does not restart it).
 */
export const acceptanceState = (label: ReturnType<typeof l>, returnTo: string, clock?: string): TStateInput => ({
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
    {
      event: "ACCEPT",
      label: l("签收", "Accept"),
      target: "handling",
      roles: ["handling_unit_responder", "system"],
      actions: [
        { type: "acceptAssignment", params: {} },
        ...(clock ? [{ type: "setCaseDate", params: { date: clock } }] : []),
      ],
    },
    {
      event: "RETURN",
      label: l("退回", "Return"),
      target: returnTo,
      roles: ["handling_unit_responder"],
      guard: { type: "fieldPresent", params: { field: "returnReason" } },
    },
  ],
});

/** The reason a handling unit gives when it asks for more time (延期申请). */
export const extensionReasonField = textField(
  "extensionReason",
  l("延期理由", "Reason for an extension"),
  "longText",
  false,
);

/** 申请延期: the handling unit asks, with its reason, for the county's approval. */
export const requestExtension: TTransitionInput = {
  event: "REQUEST_EXTENSION",
  label: l("申请延期", "Ask for an extension"),
  target: "extensionReview",
  roles: ["handling_unit_responder"],
  guard: { type: "fieldPresent", params: { field: "extensionReason" } },
  actions: [{ type: "notify", params: { to: "county_admin", template: "case.extensionRequested" } }],
};

/**
 * 延期审批: the county approves (the unit handles it on under the longer limit, in `extended`)
 * or refuses (back to `handling`, whose deadline still runs from where it started).
 */
export const extensionReviewState = (
  label: ReturnType<typeof l>,
  extended: string,
  handling: string,
  approvedNotice: TTransitionInput["actions"] = [],
): TStateInput => ({
  label,
  kind: "task",
  assignee: { role: "county_admin", scope: "county" },
  form: [
    selectField("extension", l("审批结果", "Decision"), [
      ["approved", l("同意延期", "Approve")],
      ["refused", l("不同意", "Refuse")],
    ]),
  ],
  deadlines: [reminder("decide", l("审批时限", "Decision"), 5)],
  transitions: [
    {
      event: "DECIDE_EXTENSION",
      label: l("审批", "Decide"),
      target: extended,
      roles: ["county_admin"],
      guard: { type: "fieldEquals", params: { field: "extension", value: "approved" } },
      actions: [
        { type: "notify", params: { to: "handlingUnit", template: "case.extensionDecided" } },
        ...(approvedNotice ?? []),
      ],
    },
    {
      event: "DECIDE_EXTENSION",
      label: l("审批", "Decide"),
      target: handling,
      roles: ["county_admin"],
      guard: { type: "fieldEquals", params: { field: "extension", value: "refused" } },
      actions: [{ type: "notify", params: { to: "handlingUnit", template: "case.extensionDecided" } }],
    },
  ],
});
