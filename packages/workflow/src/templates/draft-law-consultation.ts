import type { TWorkflowDefinitionInput } from "../definition/definition-schema";
import { l, reminder, textField } from "./template-helpers";

const liaison = { role: "station_liaison", scope: "station" } as const;

/** 基层立法联系点 法规草案意见征集: publish the draft, collect comments until the window closes, report upward, feed back. */
export const draftLawConsultation: TWorkflowDefinitionInput = {
  schemaVersion: 1,
  key: "draftLawConsultation",
  kind: "consultation",
  name: l("法规草案意见征集", "Comments on a draft law"),
  entry: {
    staff: {
      roles: ["county_admin", "station_liaison"],
      form: [textField("draftTitle", l("草案名称", "Draft"), "text")],
    },
  },
  initial: "published",
  counters: ["comments"],
  states: {
    published: {
      label: l("草案发布", "Draft published"),
      kind: "task",
      assignee: liaison,
      form: [
        textField("draftTitle", l("草案名称", "Draft"), "text"),
        { key: "closesOn", label: l("征集截止日期", "Closes on"), type: "date", required: true },
      ],
      deadlines: [reminder("open", l("发布时限", "Publication"), 5)],
      transitions: [
        {
          event: "OPEN",
          label: l("开始征集", "Open for comments"),
          target: "collecting",
          roles: ["station_liaison", "county_admin"],
        },
      ],
    },
    collecting: {
      label: l("征集意见", "Collecting comments"),
      kind: "wait",
      deadlines: [
        {
          id: "window",
          label: l("征集期", "Comment window"),
          duration: { amount: 30, unit: "days" },
          ladder: [
            {
              id: "reminder",
              label: l("即将截止", "Closing soon"),
              atPercent: 80,
              notify: { to: "assignee", template: "consultation.closing" },
            },
            { id: "close", label: l("截止", "Closed"), atPercent: 100, event: "CLOSE" },
          ],
        },
      ],
      transitions: [
        {
          event: "ADD_COMMENT",
          label: l("登记意见", "Record a comment"),
          target: "collecting",
          roles: ["station_liaison", "citizen", "deputy"],
          actions: [{ type: "incrementCounter", params: { counter: "comments" } }],
        },
        { event: "CLOSE", label: l("截止征集", "Close"), target: "sorting", roles: ["station_liaison", "system"] },
      ],
    },
    sorting: {
      label: l("整理", "Sorting the comments"),
      kind: "task",
      assignee: liaison,
      form: [textField("summary", l("意见汇总", "Summary of comments"))],
      deadlines: [reminder("sort", l("整理时限", "Sorting"), 5)],
      transitions: [
        {
          event: "SUBMIT",
          label: l("报送", "Submit upward"),
          target: "submitted",
          roles: ["station_liaison", "county_admin"],
        },
      ],
    },
    submitted: {
      label: l("已报送", "Submitted"),
      kind: "wait",
      transitions: [
        {
          event: "RECEIVE_FEEDBACK",
          label: l("收到采纳情况", "Feedback received"),
          target: "feedback",
          roles: ["station_liaison", "county_admin"],
        },
      ],
    },
    feedback: {
      label: l("采纳反馈", "Feedback on adoption"),
      kind: "task",
      assignee: liaison,
      form: [
        { key: "adoptedCount", label: l("被采纳条数", "Comments adopted"), type: "number", required: true, min: 0 },
        textField("feedbackNote", l("反馈说明", "Feedback"), "longText", false),
      ],
      deadlines: [reminder("publish", l("反馈时限", "Feedback"), 10)],
      transitions: [
        {
          event: "PUBLISH_FEEDBACK",
          label: l("公开反馈", "Publish feedback"),
          target: "done",
          roles: ["station_liaison"],
        },
      ],
    },
    done: { label: l("完成", "Done"), kind: "final" },
  },
};
