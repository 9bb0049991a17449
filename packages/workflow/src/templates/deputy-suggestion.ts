import type { TTransitionInput, TWorkflowDefinitionInput } from "../definition/definition-schema";
import {
  acceptanceState,
  assignmentState,
  l,
  reminder,
  SATISFACTION,
  selectField,
  textField,
} from "./template-helpers";

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
  kind: "suggestion",
  name: l("代表建议办理", "Deputies' suggestions"),
  // The county's congress office registers a suggestion deputies handed in (or 整合 makes one).
  entry: {
    staff: {
      roles: ["county_admin"],
      form: [
        { key: "leadDeputy", label: l("领衔代表", "Lead deputy"), type: "deputy", required: true },
        textField("content", l("建议内容", "The suggestion")),
      ],
    },
  },
  initial: "assignment",
  caseDates: ["assignedAt"],
  counters: ["meetings", "siteVisits", "redo"],
  states: {
    assignment: assignmentState(l("交办", "Assignment"), 5, [
      { key: "keySupervision", label: l("重点督办", "Key supervision"), type: "yesNo", required: true },
    ]),
    acceptance: acceptanceState(l("签收", "Acceptance"), "assignment"),
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
      deadlines: [reminder("decide", l("审批时限", "Decision"), 5)],
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
          actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
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
          actions: [
            { type: "recordSatisfaction", params: { field: "satisfaction" } },
            { type: "incrementCounter", params: { counter: "redo" } },
          ],
        },
        {
          event: "RATE",
          label: l("不满意，已重办", "Unsatisfied after a redo"),
          target: "closed",
          roles: ["deputy"],
          guard: { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
          actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
        },
      ],
    },
    closed: { label: l("办结", "Closed"), kind: "final" },
  },
};
