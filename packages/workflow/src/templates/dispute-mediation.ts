import type { TDeadlineInput, TWorkflowDefinitionInput } from "../definition/definition-schema";
import { l, selectField, textField } from "./template-helpers";

const liaison = { role: "station_liaison", scope: "station" } as const;
const due = (id: string, amount: number): TDeadlineInput => ({
  id,
  label: l("办理时限", "Deadline"),
  duration: { amount, unit: "workingDays" },
  ladder: [
    {
      id: "warn",
      label: l("预警", "Warning"),
      atPercent: 80,
      notify: { to: "assignee", template: "case.deadline.warning" },
    },
    {
      id: "due",
      label: l("到期", "Due"),
      atPercent: 100,
      notify: { to: "township_operator", template: "case.deadline.due" },
    },
  ],
});

/**
 * 矛盾纠纷调解: accepted, mediated, agreement or referral, a return visit, closed. An agreement
 * is written to the station's 履职台账 as one dispute mediated (not typed in again by hand).
 */
export const disputeMediation: TWorkflowDefinitionInput = {
  schemaVersion: 1,
  key: "disputeMediation",
  kind: "mediation",
  name: l("矛盾纠纷调解", "Dispute mediation"),
  // Registered where the dispute is brought: at the station, or by the township.
  entry: {
    staff: {
      roles: ["station_liaison", "township_operator", "county_admin"],
      form: [
        textField("parties", l("当事人", "Parties"), "text"),
        textField("disputeSummary", l("纠纷概况", "What it is about")),
      ],
    },
  },
  initial: "accepted",
  states: {
    accepted: {
      label: l("受理", "Accepted"),
      kind: "task",
      assignee: liaison,
      form: [
        textField("parties", l("当事人", "Parties"), "text"),
        textField("disputeSummary", l("纠纷概况", "What it is about")),
      ],
      deadlines: [due("accept", 3)],
      transitions: [
        {
          event: "START_MEDIATION",
          label: l("开始调解", "Start mediating"),
          target: "mediating",
          roles: ["station_liaison", "township_operator"],
        },
      ],
    },
    mediating: {
      label: l("调解", "Mediating"),
      kind: "task",
      assignee: liaison,
      form: [
        selectField("outcome", l("调解结果", "Outcome"), [
          ["agreement", l("达成协议", "Agreement")],
          ["noAgreement", l("未达成协议", "No agreement")],
        ]),
        textField("outcomeNote", l("调解情况", "Notes"), "longText", false),
        { key: "mediatorDeputy", label: l("主持调解的代表", "Deputy who mediated"), type: "deputy", required: false },
      ],
      deadlines: [due("mediate", 30)],
      transitions: [
        {
          event: "CONCLUDE",
          label: l("结束调解", "Conclude"),
          target: "agreement",
          roles: ["station_liaison", "township_operator"],
          guard: { type: "fieldEquals", params: { field: "outcome", value: "agreement" } },
          // A dispute settled is one of the station's 调解矛盾纠纷 in its 履职台账, with its deputies.
          actions: [
            {
              type: "recordLedgerEntry",
              params: { kind: "mediation", figure: "disputesMediated", summaryField: "outcomeNote" },
            },
          ],
        },
        {
          event: "CONCLUDE",
          label: l("结束调解", "Conclude"),
          target: "referred",
          roles: ["station_liaison", "township_operator"],
          guard: { type: "fieldEquals", params: { field: "outcome", value: "noAgreement" } },
        },
      ],
    },
    agreement: {
      label: l("达成协议", "Agreement reached"),
      kind: "wait",
      deadlines: [
        {
          id: "revisitDue",
          label: l("回访时间", "Time for the return visit"),
          duration: { amount: 15, unit: "days" },
          ladder: [{ id: "revisit", label: l("到期回访", "Revisit"), atPercent: 100, event: "REVISIT_DUE" }],
        },
      ],
      transitions: [
        {
          event: "REVISIT_DUE",
          label: l("开始回访", "Revisit"),
          target: "revisit",
          roles: ["system", "station_liaison"],
        },
      ],
    },
    referred: {
      label: l("未达成，转交", "Referred"),
      kind: "task",
      assignee: liaison,
      form: [textField("referredTo", l("转交单位", "Referred to"), "text")],
      deadlines: [due("refer", 5)],
      transitions: [
        {
          event: "HAND_OFF",
          label: l("转交", "Hand off"),
          target: "revisit",
          roles: ["station_liaison", "township_operator"],
        },
      ],
    },
    revisit: {
      label: l("回访", "Return visit"),
      kind: "task",
      assignee: liaison,
      form: [textField("revisitNote", l("回访情况", "Findings"))],
      deadlines: [due("revisit", 10)],
      transitions: [
        {
          event: "COMPLETE",
          label: l("办结", "Close"),
          target: "closed",
          roles: ["station_liaison", "township_operator"],
        },
      ],
    },
    closed: { label: l("办结", "Closed"), kind: "final" },
  },
};
