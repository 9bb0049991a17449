import type { TDeadlineInput, TTransitionInput, TWorkflowDefinitionInput } from "../definition/definition-schema";
import {
  extensionReasonField,
  extensionReviewState,
  l,
  reminder,
  requestExtension,
  textField,
} from "./template-helpers";

const county = { role: "county_admin", scope: "county" } as const;
const unit = { role: "handling_unit_responder", scope: "handlingUnit" } as const;

/**
 * 办理时限 (《信访工作条例》第三十五条): 60 days from 转办, extendable by at most 30 days with the
 * approval of the office's head (here the county's people's congress office); counted from the
 * case date set at 转办, so it spans 办理, 延期审批 and 督办 alike and neither a refused extension
 * nor a returned report restarts it. 催办 at 80 % (90 % once extended), 督办 when it passes.
 */
const handlingLimit = (days: number, label: ReturnType<typeof l>, urgeAt: number): TDeadlineInput => ({
  id: "handle",
  label,
  duration: { amount: days, unit: "days" },
  from: { caseDate: "transferredAt" },
  ladder: [
    {
      id: "urge",
      label: l("催办", "Urge"),
      atPercent: urgeAt,
      event: "URGE",
      notify: { to: "handlingUnit", template: "case.deadline.urge" },
    },
    { id: "overdue", label: l("逾期督办", "Overdue: supervise"), atPercent: 100, event: "OVERDUE" },
  ],
});

/** 逾期: the case goes under supervision and the county is told. */
const overdue: TTransitionInput = {
  event: "OVERDUE",
  label: l("逾期督办", "Overdue: supervise"),
  target: "supervised",
  roles: ["system"],
  actions: [{ type: "notify", params: { to: "county_admin", template: "case.deadline.escalate" } }],
};

/** 报告办理结果: the unit reports what it did; the county reviews it before answering. */
const report: TTransitionInput = {
  event: "REPORT",
  label: l("报告办理结果", "Report the result"),
  target: "review",
  roles: ["handling_unit_responder"],
  actions: [{ type: "notify", params: { to: "county_admin", template: "case.replied" } }],
};

/** 催办 is recorded where the case is: the unit is told, the case stays. */
const urge = (state: string): TTransitionInput => ({
  event: "URGE",
  label: l("催办", "Urge"),
  target: state,
  roles: ["system"],
  actions: [{ type: "urgeHandling", params: {} }],
});

/**
 * 信访件办理: 登记 → 批办 → 转办 → 办理 (60 days from 转办, 催办 at 80 %, 督办 at 100 %;
 * 延期 by at most 30 days with the county's approval) → 报告办理结果 → 答复 → 办结. The 信访 office of the county's people's congress registers,
 * its leaders instruct (批办), the office transfers it to the responsible unit (转办), which
 * handles and reports; the office answers the petitioner in writing and closes it.
 */
export const letterVisit: TWorkflowDefinitionInput = {
  schemaVersion: 1,
  key: "letterVisit",
  kind: "letter",
  name: l("信访件办理", "Letters and visits"),
  description: l(
    "人民群众来信来访的登记、批办、转办、督办和答复",
    "Registering, instructing, transferring, supervising and answering letters and visits",
  ),
  // The 信访 office registers what came by letter or in person.
  entry: {
    staff: {
      roles: ["county_admin"],
      form: [
        textField("summary", l("来信来访摘要", "Summary")),
        textField("petitioner", l("信访人", "Petitioner"), "text", false),
      ],
    },
  },
  initial: "registered",
  caseDates: ["transferredAt"],
  states: {
    registered: {
      label: l("登记", "Registration"),
      kind: "task",
      assignee: county,
      form: [textField("summary", l("来信来访摘要", "Summary"))],
      deadlines: [reminder("register", l("登记时限", "Registration"), 3)],
      transitions: [
        {
          event: "SUBMIT",
          label: l("呈报批办", "Submit for instruction"),
          target: "instruction",
          roles: ["county_admin"],
        },
      ],
    },
    instruction: {
      label: l("批办", "Instruction"),
      kind: "task",
      assignee: county,
      form: [textField("instruction", l("批办意见", "Instruction"))],
      deadlines: [reminder("instruct", l("批办时限", "Instruction"), 5)],
      transitions: [
        { event: "INSTRUCT", label: l("批办", "Instruct"), target: "transfer", roles: ["county_admin"] },
        {
          event: "DECLINE",
          label: l("不予受理，告知信访人", "Decline and tell the petitioner"),
          target: "closed",
          roles: ["county_admin"],
          actions: [{ type: "notify", params: { to: "submitter", template: "case.replied" } }],
        },
      ],
    },
    transfer: {
      label: l("转办", "Transfer"),
      kind: "task",
      assignee: county,
      form: [{ key: "handlingUnit", label: l("承办单位", "Handling unit"), type: "handlingUnit", required: true }],
      deadlines: [reminder("transfer", l("转办时限", "Transfer"), 3)],
      transitions: [
        {
          event: "TRANSFER",
          label: l("转办", "Transfer"),
          target: "handling",
          roles: ["county_admin"],
          actions: [
            { type: "assignHandlingUnit", params: { field: "handlingUnit" } },
            { type: "setCaseDate", params: { date: "transferredAt" } },
            { type: "notify", params: { to: "handlingUnit", template: "case.assigned" } },
          ],
        },
      ],
    },
    handling: {
      label: l("办理", "Handling"),
      kind: "task",
      assignee: unit,
      form: [textField("result", l("办理结果", "Result"), "longText", false), extensionReasonField],
      deadlines: [
        handlingLimit(
          60,
          l(
            "办理时限（转办之日起60日，《信访工作条例》第三十五条）",
            "Handling (60 days from transfer, Regulations on Letters and Visits art. 35)",
          ),
          80,
        ),
      ],
      transitions: [
        { ...report, guard: { type: "fieldPresent", params: { field: "result" } } },
        requestExtension,
        urge("handling"),
        overdue,
      ],
    },
    extensionReview: extensionReviewState(
      l("延期审批（经批准可延长不超过30日）", "Extension review (at most 30 more days)"),
      "extendedHandling",
      "handling",
    ),
    extendedHandling: {
      label: l("延期办理", "Handling (extended)"),
      kind: "task",
      assignee: unit,
      form: [textField("result", l("办理结果", "Result"))],
      deadlines: [
        handlingLimit(
          90,
          l(
            "延期后办理时限（经批准延长30日，共转办之日起90日）",
            "Extended handling (30 more days once approved: 90 from transfer)",
          ),
          90,
        ),
      ],
      transitions: [report, urge("extendedHandling"), overdue],
    },
    supervised: {
      label: l("督办", "Under supervision"),
      kind: "task",
      assignee: unit,
      form: [textField("result", l("办理结果", "Result"))],
      deadlines: [reminder("supervise", l("督办时限", "Supervision"), 5)],
      transitions: [report],
    },
    review: {
      label: l("审核办理结果", "Review of the result"),
      kind: "task",
      assignee: county,
      form: [textField("answer", l("答复意见", "Answer"), "longText", false)],
      deadlines: [reminder("review", l("审核时限", "Review"), 5)],
      transitions: [
        {
          event: "ANSWER",
          label: l("书面答复信访人", "Answer the petitioner"),
          target: "answered",
          roles: ["county_admin"],
          actions: [{ type: "notify", params: { to: "submitter", template: "case.replied" } }],
        },
        { event: "RETURN_REPORT", label: l("退回重办", "Send back"), target: "handling", roles: ["county_admin"] },
      ],
    },
    answered: {
      label: l("答复", "Answered"),
      kind: "wait",
      closes: true,
      transitions: [{ event: "CLOSE", label: l("办结归档", "Close"), target: "closed", roles: ["county_admin"] }],
    },
    closed: { label: l("办结", "Closed"), kind: "final" },
  },
};
