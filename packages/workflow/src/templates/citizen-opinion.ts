import type { TDeadlineInput, TTransitionInput, TWorkflowDefinitionInput } from "../definition/definition-schema";
import {
  acceptanceState,
  assignmentState,
  coHandlingReply,
  extensionReasonField,
  extensionReviewState,
  l,
  reminder,
  requestExtension,
  SATISFACTION,
  selectField,
  setCoHandlingUnits,
  textField,
} from "./template-helpers";

const handler = { role: "handling_unit_responder", scope: "handlingUnit" } as const;
const reply = textField("replyContent", l("答复内容", "Reply"));
/** Where the unit may either answer or ask for more time, the answer is required by REPLY's guard. */
const optionalReply = textField("replyContent", l("答复内容", "Reply"), "longText", false);
const answer: TTransitionInput = {
  event: "REPLY",
  label: l("答复", "Reply"),
  target: "replied",
  roles: ["handling_unit_responder"],
  guard: { type: "fieldPresent", params: { field: "replyContent" } },
};

/** The unit's handling limit in working days from its 签收 (or a redo), 催办 at `urgeAt` %, 督办 when it passes. */
const handlingLimit = (days: number, label: ReturnType<typeof l>, urgeAt: number): TDeadlineInput => ({
  id: "handle",
  label,
  duration: { amount: days, unit: "workingDays" },
  from: { caseDate: "handlingFrom" },
  ladder: [
    {
      id: "urge",
      label: l("催办", "Urge"),
      atPercent: urgeAt,
      event: "URGE",
      notify: { to: "assignee", template: "case.deadline.urge" },
    },
    { id: "overdue", label: l("逾期督办", "Overdue: supervise"), atPercent: 100, event: "OVERDUE" },
  ],
});

/** 催办 by the worker at the ladder's rung, or by the county or township by hand: the case stays. */
const urge = (state: string): TTransitionInput => ({
  event: "URGE",
  label: l("催办", "Urge"),
  target: state,
  roles: ["system", "county_admin", "township_operator"],
  actions: [
    { type: "urgeHandling", params: {} },
    { type: "notify", params: { to: "handlingUnit", template: "case.urged" } },
  ],
});
const archiveAfterAYear: TDeadlineInput = {
  id: "archive",
  label: l("归档", "Archiving"),
  duration: { amount: 365, unit: "days" },
  ladder: [{ id: "archive", label: l("自动归档", "Archive"), atPercent: 100, event: "ARCHIVE" }],
};

/**
 * 群众意见建议办理: from the station's registration to the citizen's rating, with the
 * handling unit's right to return an assignment within three working days (the county
 * rules on a disputed return), the handling clock starting at acceptance, 催办 at 80 %
 * of the handling deadline, 督办 when it passes, 延期 with the county's approval (the limit
 * once more), at most two redos, and 回头看.
 */
export const citizenOpinion: TWorkflowDefinitionInput = {
  schemaVersion: 1,
  key: "citizenOpinion",
  kind: "opinion",
  name: l("群众意见建议办理", "Citizens' opinions and suggestions"),
  initial: "registered",
  // handlingFrom: when the unit's handling clock started (签收, or a redo).
  caseDates: ["assignedAt", "handlingFrom"],
  counters: ["redo"],
  states: {
    registered: {
      label: l("登记", "Registered"),
      kind: "task",
      assignee: { role: "station_liaison", scope: "station" },
      form: [textField("summary", l("意见摘要", "Summary"))],
      deadlines: [reminder("register", l("登记时限", "Registration"), 2)],
      transitions: [
        {
          event: "SUBMIT_REVIEW",
          label: l("提交初审", "Send for review"),
          target: "stationReview",
          roles: ["station_liaison", "township_operator"],
        },
      ],
    },
    stationReview: {
      label: l("联络站初审", "Station review"),
      kind: "task",
      assignee: { role: "station_liaison", scope: "station" },
      form: [
        selectField("issueScope", l("问题类型", "Kind of issue"), [
          ["individual", l("个性问题", "Individual")],
          ["common", l("共性问题", "Common")],
        ]),
        textField("reviewNote", l("初审意见", "Review note"), "longText", false),
      ],
      deadlines: [reminder("review", l("初审时限", "Review"), 3)],
      transitions: [
        {
          event: "HAND_OVER",
          label: l("现场交办", "Hand over on the spot"),
          target: "assignment",
          roles: ["station_liaison", "township_operator"],
          guard: { type: "fieldEquals", params: { field: "issueScope", value: "individual" } },
        },
        {
          event: "ANSWER_DIRECTLY",
          label: l("直接答复", "Answer directly"),
          target: "replied",
          roles: ["station_liaison", "township_operator"],
          guard: { type: "fieldEquals", params: { field: "issueScope", value: "individual" } },
        },
        {
          event: "ESCALATE",
          label: l("提交代表小组研判", "To the deputies' group"),
          target: "groupReview",
          roles: ["station_liaison", "township_operator"],
          guard: { type: "fieldEquals", params: { field: "issueScope", value: "common" } },
        },
      ],
    },
    groupReview: {
      label: l("代表小组研判", "Deputies' group review"),
      kind: "task",
      assignee: { role: "deputy", scope: "station" },
      form: [textField("groupConclusion", l("研判意见", "Conclusion"))],
      deadlines: [reminder("groupReview", l("研判时限", "Group review"), 10)],
      transitions: [
        {
          event: "FORM_SUGGESTION",
          label: l("形成代表建议", "Make it a deputy suggestion"),
          target: "assignment",
          roles: ["deputy", "township_operator"],
        },
        {
          event: "ANSWER_DIRECTLY",
          label: l("解释答复", "Answer with an explanation"),
          target: "replied",
          roles: ["deputy", "township_operator"],
        },
        {
          // 整合: several opinions on one common issue become one deputy suggestion.
          event: "MERGE",
          label: l("整合为代表建议", "Merge into a deputy suggestion"),
          target: "merged",
          roles: ["deputy", "township_operator", "county_admin"],
          actions: [
            { type: "mergeIntoCase" },
            { type: "notify", params: { to: "submitter", template: "case.merged" } },
          ],
        },
      ],
    },
    merged: {
      label: l("已整合为代表建议", "Merged into a deputy suggestion"),
      kind: "wait",
      closes: true,
      deadlines: [archiveAfterAYear],
      transitions: [
        { event: "ARCHIVE", label: l("归档", "Archive"), target: "archived", roles: ["system", "county_admin"] },
      ],
    },
    assignment: assignmentState(l("交办承办单位", "Assign a handling unit"), 3, [], "township"),
    acceptance: acceptanceState(l("承办单位签收", "Acceptance by the handling unit"), "returnRuling", "handlingFrom"),
    returnRuling: {
      label: l("退回裁定", "Ruling on the return"),
      kind: "task",
      assignee: { role: "county_admin", scope: "county" },
      // The county rules on a return within 3 working days: the unit and the citizen wait on it.
      deadlines: [reminder("ruling", l("裁定时限", "Ruling"), 3)],
      form: [
        selectField("ruling", l("裁定", "Ruling"), [
          ["reassign", l("退回成立，重新交办", "Upheld: reassign")],
          ["keep", l("退回不成立，原单位签收办理", "Rejected: the unit accepts and handles it")],
        ]),
      ],
      transitions: [
        {
          event: "RULE",
          label: l("裁定", "Rule"),
          target: "assignment",
          roles: ["county_admin"],
          guard: { type: "fieldEquals", params: { field: "ruling", value: "reassign" } },
        },
        {
          event: "RULE",
          label: l("裁定", "Rule"),
          // Back to the unit's desk: its handling clock starts when it accepts.
          target: "acceptance",
          roles: ["county_admin"],
          guard: { type: "fieldEquals", params: { field: "ruling", value: "keep" } },
        },
      ],
    },
    handling: {
      label: l("办理中", "Being handled"),
      kind: "task",
      assignee: handler,
      form: [optionalReply, extensionReasonField],
      deadlines: [
        handlingLimit(15, l("办理时限（签收之日起15个工作日）", "Handling (15 working days from acceptance)"), 80),
      ],
      transitions: [
        answer,
        requestExtension,
        coHandlingReply("handling"),
        setCoHandlingUnits("handling"),
        urge("handling"),
        { event: "OVERDUE", label: l("逾期督办", "Overdue"), target: "supervised", roles: ["system", "county_admin"] },
      ],
    },
    extensionReview: extensionReviewState(
      l("延期审批（区县人大常委会）", "Extension review (county)"),
      "extendedHandling",
      "handling",
    ),
    extendedHandling: {
      label: l("延期办理", "Handling (extended)"),
      kind: "task",
      assignee: handler,
      form: [reply],
      deadlines: [
        handlingLimit(
          30,
          l(
            "延期后办理时限（经批准再延长15个工作日，共签收之日起30个工作日）",
            "Extended handling (15 more working days once approved: 30 from acceptance)",
          ),
          90,
        ),
      ],
      transitions: [
        answer,
        coHandlingReply("extendedHandling"),
        setCoHandlingUnits("extendedHandling"),
        urge("extendedHandling"),
        { event: "OVERDUE", label: l("逾期督办", "Overdue"), target: "supervised", roles: ["system", "county_admin"] },
      ],
    },
    supervised: {
      label: l("督办", "Under supervision"),
      kind: "task",
      assignee: handler,
      form: [reply],
      deadlines: [
        {
          id: "supervision",
          label: l("督办时限", "Supervision"),
          duration: { amount: 5, unit: "workingDays" },
          ladder: [
            {
              id: "escalate",
              label: l("上报主任会议", "Escalate"),
              atPercent: 100,
              notify: { to: "county_admin", template: "case.deadline.escalate" },
            },
          ],
        },
      ],
      transitions: [
        { event: "REPLY", label: l("答复", "Reply"), target: "replied", roles: ["handling_unit_responder"] },
        coHandlingReply("supervised"),
      ],
    },
    replied: {
      label: l("群众满意度测评", "Citizen's rating"),
      kind: "task",
      assignee: { role: "citizen", scope: "submitter" },
      form: [
        selectField("satisfaction", l("满意度", "Satisfaction"), SATISFACTION),
        textField("ratingComment", l("评价意见", "Comment"), "longText", false),
      ],
      deadlines: [
        {
          id: "rating",
          label: l("测评期限", "Rating window"),
          duration: { amount: 10, unit: "days" },
          ladder: [{ id: "lapsed", label: l("逾期未评价", "Not rated"), atPercent: 100, event: "RATING_LAPSED" }],
        },
      ],
      transitions: [
        {
          event: "RATE",
          label: l("评价", "Rate"),
          target: "closed",
          roles: ["citizen", "station_liaison"],
          guard: { type: "fieldIn", params: { field: "satisfaction", values: ["satisfied", "basic"] } },
          actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
        },
        {
          event: "RATE",
          label: l("不满意，重新办理", "Unsatisfied: redo"),
          target: "handling",
          roles: ["citizen", "station_liaison"],
          guard: {
            type: "allOf",
            params: {
              guards: [
                { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
                { type: "counterBelow", params: { counter: "redo", value: 2 } },
              ],
            },
          },
          actions: [
            { type: "recordSatisfaction", params: { field: "satisfaction" } },
            { type: "incrementCounter", params: { counter: "redo" } },
            // A redo gets the handling limit afresh.
            { type: "setCaseDate", params: { date: "handlingFrom" } },
          ],
        },
        {
          event: "RATE",
          label: l("不满意，已重办两次", "Unsatisfied after two redos"),
          target: "closed",
          roles: ["citizen", "station_liaison"],
          guard: { type: "fieldEquals", params: { field: "satisfaction", value: "unsatisfied" } },
          actions: [{ type: "recordSatisfaction", params: { field: "satisfaction" } }],
        },
        { event: "RATING_LAPSED", label: l("逾期未评价", "Not rated in time"), target: "closed", roles: ["system"] },
      ],
    },
    closed: {
      label: l("办结", "Closed"),
      kind: "wait",
      closes: true,
      deadlines: [archiveAfterAYear],
      transitions: [
        {
          event: "REVISIT",
          label: l("回头看", "Revisit"),
          target: "revisit",
          roles: ["county_admin", "deputy", "township_operator"],
        },
        { event: "ARCHIVE", label: l("归档", "Archive"), target: "archived", roles: ["system", "county_admin"] },
      ],
    },
    revisit: {
      label: l("回头看", "Revisit"),
      kind: "task",
      assignee: { role: "deputy", scope: "station" },
      form: [textField("revisitNote", l("回访情况", "Findings"))],
      deadlines: [reminder("revisit", l("回访时限", "Revisit"), 20)],
      transitions: [
        {
          event: "REVISIT_DONE",
          label: l("完成回访", "Revisit done"),
          target: "archived",
          roles: ["deputy", "township_operator"],
        },
      ],
    },
    archived: { label: l("归档", "Archived"), kind: "final" },
  },
};
