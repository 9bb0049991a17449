import type { TTransitionInput, TWorkflowDefinitionInput } from "../definition/definition-schema";
import { l, SATISFACTION, selectField, textField } from "./template-helpers";

const handler = { role: "handling_unit_responder", scope: "handlingUnit" } as const;

/** "三见面、两到场、一回访": a key suggestion is answered only after three meetings and two site visits. */
const replyGuard = {
  type: "anyOf",
  params: {
    guards: [
      { type: "fieldEquals", params: { field: "keySupervision", value: false } },
      {
        type: "allOf",
        params: {
          guards: [
            { type: "counterAtLeast", params: { counter: "meetings", value: 3 } },
            { type: "counterAtLeast", params: { counter: "siteVisits", value: 2 } },
          ],
        },
      },
    ],
  },
};

const handlingTransitions: TTransitionInput[] = [
  {
    event: "REPLY",
    label: l("答复代表", "Reply to the deputy"),
    target: "evaluation",
    roles: ["handling_unit_responder"],
    guard: replyGuard,
  },
  {
    event: "RECORD_MEETING",
    label: l("记录见面", "Record a meeting"),
    target: "handling",
    roles: ["handling_unit_responder", "deputy", "county_admin"],
    actions: [{ type: "incrementCounter", params: { counter: "meetings" } }],
  },
  {
    event: "RECORD_SITE_VISIT",
    label: l("记录到场", "Record a site visit"),
    target: "handling",
    roles: ["handling_unit_responder", "deputy", "county_admin"],
    actions: [{ type: "incrementCounter", params: { counter: "siteVisits" } }],
  },
];

/**
 * 代表建议办理: assigned at the 交办会, answered within three months of the assignment
 * (six with an approved extension), rated by the deputy.
 */
export const deputySuggestion: TWorkflowDefinitionInput = {
  schemaVersion: 1,
  key: "deputySuggestion",
  name: l("代表建议办理", "Deputies' suggestions"),
  initial: "assignment",
  caseDates: ["assignedAt"],
  counters: ["meetings", "siteVisits", "redo"],
  states: {
    assignment: {
      label: l("交办", "Assignment"),
      kind: "task",
      assignee: { role: "county_admin", scope: "county" },
      form: [
        { key: "handlingUnit", label: l("承办单位", "Handling unit"), type: "handlingUnit", required: true },
        { key: "keySupervision", label: l("重点督办", "Key supervision"), type: "yesNo", required: true },
      ],
      deadlines: [
        {
          id: "assign",
          label: l("交办时限", "Assignment"),
          duration: { amount: 5, unit: "workingDays" },
          ladder: [
            {
              id: "due",
              label: l("到期提醒", "Due"),
              atPercent: 100,
              notify: { to: "assignee", template: "case.deadline.due" },
            },
          ],
        },
      ],
      transitions: [
        {
          event: "ASSIGN",
          label: l("交办", "Assign"),
          target: "acceptance",
          roles: ["county_admin"],
          actions: [
            { type: "assignHandlingUnit", params: { field: "handlingUnit" } },
            { type: "setCaseDate", params: { date: "assignedAt" } },
            { type: "notify", params: { to: "handlingUnit", template: "case.assigned" } },
          ],
        },
      ],
    },
    acceptance: {
      label: l("签收", "Acceptance"),
      kind: "task",
      assignee: handler,
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
        },
        {
          event: "RETURN",
          label: l("退回", "Return"),
          target: "assignment",
          roles: ["handling_unit_responder"],
          guard: { type: "fieldPresent", params: { field: "returnReason" } },
        },
      ],
    },
    handling: {
      label: l("办理", "Handling"),
      kind: "task",
      assignee: handler,
      form: [
        textField("replyContent", l("答复内容", "Reply"), "longText", false),
        textField("extensionReason", l("延期理由", "Reason for an extension"), "longText", false),
      ],
      deadlines: [
        {
          id: "answer",
          label: l("法定答复期限（交办之日起三个月）", "Statutory answer (3 months from assignment)"),
          duration: { amount: 90, unit: "days" },
          from: { caseDate: "assignedAt" },
          ladder: [
            {
              id: "urge",
              label: l("催办", "Urge"),
              atPercent: 80,
              notify: { to: "handlingUnit", template: "case.deadline.urge" },
            },
            {
              id: "overdue",
              label: l("逾期", "Overdue"),
              atPercent: 100,
              notify: { to: "county_admin", template: "case.deadline.overdue" },
            },
          ],
        },
      ],
      transitions: [
        ...handlingTransitions,
        {
          event: "REQUEST_EXTENSION",
          label: l("申请延期", "Ask for an extension"),
          target: "extensionReview",
          roles: ["handling_unit_responder"],
          guard: { type: "fieldPresent", params: { field: "extensionReason" } },
        },
      ],
    },
    extensionReview: {
      label: l("延期审批", "Extension review"),
      kind: "task",
      assignee: { role: "county_admin", scope: "county" },
      form: [
        selectField("extension", l("审批结果", "Decision"), [
          ["approved", l("同意延期", "Approve")],
          ["refused", l("不同意", "Refuse")],
        ]),
      ],
      deadlines: [
        {
          id: "decide",
          label: l("审批时限", "Decision"),
          duration: { amount: 5, unit: "workingDays" },
          ladder: [
            {
              id: "due",
              label: l("到期提醒", "Due"),
              atPercent: 100,
              notify: { to: "assignee", template: "case.deadline.due" },
            },
          ],
        },
      ],
      transitions: [
        {
          event: "DECIDE_EXTENSION",
          label: l("审批", "Decide"),
          target: "extendedHandling",
          roles: ["county_admin"],
          guard: { type: "fieldEquals", params: { field: "extension", value: "approved" } },
        },
        {
          event: "DECIDE_EXTENSION",
          label: l("审批", "Decide"),
          target: "handling",
          roles: ["county_admin"],
          guard: { type: "fieldEquals", params: { field: "extension", value: "refused" } },
        },
      ],
    },
    extendedHandling: {
      label: l("延期办理", "Handling (extended)"),
      kind: "task",
      assignee: handler,
      form: [textField("replyContent", l("答复内容", "Reply"), "longText", false)],
      deadlines: [
        {
          id: "answer",
          label: l("延期后答复期限（交办之日起六个月）", "Extended answer (6 months from assignment)"),
          duration: { amount: 180, unit: "days" },
          from: { caseDate: "assignedAt" },
          ladder: [
            {
              id: "urge",
              label: l("催办", "Urge"),
              atPercent: 90,
              notify: { to: "handlingUnit", template: "case.deadline.urge" },
            },
            {
              id: "overdue",
              label: l("逾期", "Overdue"),
              atPercent: 100,
              notify: { to: "county_admin", template: "case.deadline.overdue" },
            },
          ],
        },
      ],
      transitions: handlingTransitions.map((t) => (t.target === "handling" ? { ...t, target: "extendedHandling" } : t)),
    },
    evaluation: {
      label: l("代表测评", "Deputy's rating"),
      kind: "task",
      assignee: { role: "deputy", scope: "deputy" },
      form: [selectField("satisfaction", l("满意度", "Satisfaction"), SATISFACTION)],
      deadlines: [
        {
          id: "rating",
          label: l("测评期限", "Rating window"),
          duration: { amount: 30, unit: "days" },
          ladder: [
            {
              id: "remind",
              label: l("提醒测评", "Remind"),
              atPercent: 100,
              notify: { to: "deputy", template: "case.rating.remind" },
            },
          ],
        },
      ],
      transitions: [
        {
          event: "RATE",
          label: l("测评", "Rate"),
          target: "closed",
          roles: ["deputy"],
          guard: { type: "fieldIn", params: { field: "satisfaction", values: ["satisfied", "basic"] } },
        },
        {
          event: "RATE",
          label: l("不满意，重新办理", "Unsatisfied: redo"),
          target: "handling",
          roles: ["deputy"],
          guard: {
            type: "allOf",
            params: {
              guards: [
                { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
                { type: "counterBelow", params: { counter: "redo", value: 1 } },
              ],
            },
          },
          actions: [{ type: "incrementCounter", params: { counter: "redo" } }],
        },
        {
          event: "RATE",
          label: l("不满意，已重办", "Unsatisfied after a redo"),
          target: "closed",
          roles: ["deputy"],
          guard: { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
        },
      ],
    },
    closed: { label: l("办结", "Closed"), kind: "final" },
  },
};
