import type { TFieldDefinition } from "@rdlink/forms";
import type {
  TDeadlineInput,
  TStateInput,
  TTransitionInput,
  TWorkflowDefinitionInput,
} from "../definition/definition-schema";
import {
  acceptanceState,
  assignmentState,
  coHandlingReply,
  extensionReasonField,
  extensionReviewState,
  l,
  requestExtension,
  SATISFACTION,
  selectField,
  setCoHandlingUnits,
  textField,
} from "./template-helpers";

const handler = { role: "handling_unit_responder", scope: "handlingUnit" } as const;
const county = { role: "county_admin", scope: "county" } as const;
const supervisors = ["handling_unit_responder", "deputy", "county_admin"] as const;

const isKey = { type: "fieldEquals", params: { field: "keySupervision", value: true } };

/** 面商: before answering, the unit meets the deputy — in person, by phone or by letter — and minutes it. */
const consultationForm: TFieldDefinition[] = [
  { key: "consultedOn", label: l("面商日期", "Date of the consultation"), type: "date", required: true },
  selectField("consultationForm", l("面商方式", "How"), [
    ["inPerson", l("当面", "In person")],
    ["phone", l("电话", "By phone")],
    ["letter", l("书面", "By letter")],
  ]),
  textField("consultationMinutes", l("面商情况", "Minutes")),
];

/** 答复: the letter's text, its classification, whether it is published, the signed letter itself. */
const answerForm: TFieldDefinition[] = [
  textField("replyContent", l("答复内容", "Answer"), "longText", false),
  selectField(
    "answerClass",
    l("答复分类", "Classification"),
    [
      ["A", l("A类：已解决或基本解决", "A: solved or mostly solved")],
      ["B", l("B类：正在解决或列入计划解决", "B: being solved or planned")],
      ["C", l("C类：因条件限制留作参考", "C: kept for reference")],
    ],
    false,
  ),
  { key: "answerPublic", label: l("答复公开", "Publish the answer"), type: "yesNo", required: false },
  { key: "answerLetter", label: l("答复函（盖章扫描件）", "Signed answer letter"), type: "image", required: false },
];

/** A supervision step of a 重点建议 (三见面、两到场、一回访): when, who, what was found, a photo. */
const supervisionForm: TFieldDefinition[] = [
  { key: "supervisedOn", label: l("督办日期", "Date"), type: "date", required: true },
  textField("supervisors", l("参加人员", "People present"), "text"),
  textField("supervisionNote", l("督办情况", "What was found")),
  { key: "supervisionPhoto", label: l("现场照片", "Photo"), type: "image", required: false },
];

const supervisionStep = (event: string, label: ReturnType<typeof l>, counter: string, target: string) => ({
  event,
  label,
  target,
  roles: [...supervisors],
  guard: isKey,
  form: supervisionForm,
  actions: [{ type: "incrementCounter", params: { counter } }],
});

/** 三见面、两到场 may be recorded while the unit handles it and after; 一回访 after the answer. */
const supervisionSteps = (state: string): TTransitionInput[] => [
  supervisionStep("RECORD_MEETING", l("记录见面", "Record a meeting"), "meetings", state),
  supervisionStep("RECORD_SITE_VISIT", l("记录到场", "Record a site visit"), "siteVisits", state),
];

const consult = (state: string): TTransitionInput => ({
  event: "CONSULT",
  label: l("记录面商", "Record the consultation"),
  target: state,
  roles: ["handling_unit_responder"],
  form: consultationForm,
  actions: [
    { type: "recordConsultation", params: {} },
    { type: "incrementCounter", params: { counter: "consultations" } },
  ],
});

/** 答复 after at least one 面商, with its classification; the 领衔代表 is asked to rate it. */
const reply: TTransitionInput = {
  event: "REPLY",
  label: l("答复代表", "Answer the deputy"),
  target: "evaluation",
  roles: ["handling_unit_responder"],
  guard: {
    type: "allOf",
    params: {
      guards: [
        { type: "fieldPresent", params: { field: "replyContent" } },
        { type: "fieldPresent", params: { field: "answerClass" } },
        { type: "counterAtLeast", params: { counter: "consultations", value: 1 } },
      ],
    },
  },
  actions: [
    { type: "recordAnswer", params: { classField: "answerClass", publicField: "answerPublic" } },
    { type: "notify", params: { to: "deputy", template: "case.answered" } },
  ],
};

/** The answer's limit, in calendar months as the law counts them, with 催办 before it and 逾期 at it. */
const answerLimit = (months: number, label: ReturnType<typeof l>, fromAssignment: boolean): TDeadlineInput => ({
  id: "answer",
  label,
  duration: { amount: months, unit: "months" },
  ...(fromAssignment ? { from: { caseDate: "assignedAt" } } : {}),
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
});

const handlingState = (
  label: ReturnType<typeof l>,
  deadline: TDeadlineInput,
  self: string,
  extension: boolean,
): TStateInput => ({
  label,
  kind: "task",
  assignee: handler,
  form: [...answerForm, ...(extension ? [extensionReasonField] : [])],
  deadlines: [deadline],
  transitions: [
    reply,
    consult(self),
    ...(extension ? [requestExtension] : []),
    setCoHandlingUnits(self),
    coHandlingReply(self),
    ...supervisionSteps(self),
  ],
});

/** After the rating: a 重点建议 goes to its 回访 and closing review, any other suggestion is closed. */
const rated = (label: ReturnType<typeof l>, satisfaction: TTransitionInput["guard"]): TTransitionInput[] => [
  {
    event: "RATE",
    label,
    target: "keyReview",
    roles: ["deputy"],
    guard: { type: "allOf", params: { guards: [satisfaction!, isKey] } },
    actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
  },
  {
    event: "RATE",
    label,
    target: "closed",
    roles: ["deputy"],
    guard: satisfaction,
    actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
  },
];

/**
 * 代表建议办理 (decision 0021): assigned at the 交办会 to a lead unit and its co-units, answered
 * within three calendar months of the assignment (six with the county's approval) after meeting
 * the deputy (面商), classified A/B/C, rated by the 领衔代表; 不满意 once sends it back for a second
 * answer within a month. A 重点建议 closes only after "三见面、两到场、一回访". A closed suggestion
 * may be reopened by a 回头看 that finds the promise not kept.
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
  counters: ["consultations", "meetings", "siteVisits", "returnVisits", "redo"],
  states: {
    assignment: assignmentState(
      l("交办", "Assignment"),
      5,
      [
        { key: "keySupervision", label: l("列为重点建议", "Key suggestion"), type: "yesNo", required: false },
        textField("keyLeader", l("领办领导", "Leader responsible"), "text", false),
      ],
      "county",
      [
        { type: "setCoHandlingUnits", params: { field: "coHandlingUnits" } },
        { type: "markKeySupervision", params: { field: "keySupervision" } },
        { type: "notify", params: { to: "coHandlingUnits", template: "case.coAssigned" } },
      ],
    ),
    acceptance: acceptanceState(l("签收", "Acceptance"), "assignment"),
    handling: handlingState(
      l("办理", "Handling"),
      answerLimit(3, l("法定答复期限（交办之日起三个月）", "Statutory answer (3 months from assignment)"), true),
      "handling",
      true,
    ),
    extensionReview: extensionReviewState(l("延期审批", "Extension review"), "extendedHandling", "handling"),
    extendedHandling: handlingState(
      l("延期办理", "Handling (extended)"),
      answerLimit(6, l("延期后答复期限（交办之日起六个月）", "Extended answer (6 months from assignment)"), true),
      "extendedHandling",
      false,
    ),
    evaluation: {
      label: l("代表测评", "Deputy's rating"),
      kind: "task",
      assignee: { role: "deputy", scope: "deputy" },
      form: [
        selectField("satisfaction", l("满意度", "Satisfaction"), SATISFACTION),
        textField("ratingReason", l("不满意的理由", "Why unsatisfied"), "longText", false),
      ],
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
        ...rated(l("测评", "Rate"), {
          type: "fieldIn",
          params: { field: "satisfaction", values: ["satisfied", "basic"] },
        }),
        {
          event: "RATE",
          label: l("不满意，重新办理", "Unsatisfied: answer again"),
          target: "secondHandling",
          roles: ["deputy"],
          guard: {
            type: "allOf",
            params: {
              guards: [
                { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
                { type: "fieldPresent", params: { field: "ratingReason" } },
                { type: "counterBelow", params: { counter: "redo", value: 1 } },
              ],
            },
          },
          actions: [
            { type: "recordSatisfaction", params: { field: "satisfaction" } },
            { type: "incrementCounter", params: { counter: "redo" } },
            { type: "notify", params: { to: "handlingUnit", template: "case.redo" } },
          ],
        },
        ...rated(l("不满意，已重新办理", "Unsatisfied after a second answer"), {
          type: "allOf",
          params: {
            guards: [
              { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
              { type: "fieldPresent", params: { field: "ratingReason" } },
            ],
          },
        }),
      ],
    },
    secondHandling: handlingState(
      l("重新办理", "Answering again"),
      answerLimit(1, l("重新答复期限（一个月）", "Second answer (one month)"), false),
      "secondHandling",
      false,
    ),
    keyReview: {
      label: l("重点建议回访", "Key suggestion: return visit"),
      kind: "task",
      assignee: county,
      deadlines: [
        {
          id: "review",
          label: l("回访期限", "Return visit"),
          duration: { amount: 1, unit: "months" },
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
        ...supervisionSteps("keyReview"),
        supervisionStep("RECORD_RETURN_VISIT", l("记录回访", "Record the return visit"), "returnVisits", "keyReview"),
        {
          event: "CLOSE",
          label: l("办结", "Close"),
          target: "closed",
          roles: ["county_admin"],
          // 三见面、两到场、一回访: the checklist is complete.
          guard: {
            type: "allOf",
            params: {
              guards: [
                { type: "counterAtLeast", params: { counter: "meetings", value: 3 } },
                { type: "counterAtLeast", params: { counter: "siteVisits", value: 2 } },
                { type: "counterAtLeast", params: { counter: "returnVisits", value: 1 } },
              ],
            },
          },
        },
      ],
    },
    // 办结, yet open to a 回头看: a promise found not kept reopens it for another answer.
    closed: {
      label: l("办结", "Closed"),
      kind: "wait",
      closes: true,
      transitions: [
        {
          event: "REOPEN",
          label: l("回头看未兑现，重新办理", "Revisit: not kept, answer again"),
          target: "secondHandling",
          roles: ["county_admin"],
          actions: [
            { type: "reopenCase", params: {} },
            { type: "notify", params: { to: "handlingUnit", template: "case.reopened" } },
          ],
        },
        { event: "ARCHIVE", label: l("归档", "Archive"), target: "archived", roles: ["county_admin"] },
      ],
    },
    archived: { label: l("归档", "Archived"), kind: "final" },
  },
};
