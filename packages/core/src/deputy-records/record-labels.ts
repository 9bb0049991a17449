import type { TDeputyRecord } from "./count-deputy-records";

/** The record's figures in the order the page, the sheet and the 履职报告 show them, with their Chinese names. */
export const RECORD_FIGURES: { key: keyof TDeputyRecord; label: string }[] = [
  { key: "receptions", label: "接待群众（次）" },
  { key: "peopleReceived", label: "接待人次" },
  { key: "visits", label: "走访（次）" },
  { key: "mediations", label: "参与调解（次）" },
  { key: "legislativeConsultations", label: "立法意见征集（次）" },
  { key: "trainings", label: "培训学习（次）" },
  { key: "postServices", label: "岗位服务（次）" },
  { key: "otherActivities", label: "其他活动（次）" },
  { key: "postsHeld", label: "担任岗位（个）" },
  { key: "opinionsRegistered", label: "登记群众意见（件）" },
  { key: "suggestionsLed", label: "领衔建议（件）" },
  { key: "suggestionsSeconded", label: "附议建议（件）" },
  { key: "consultations", label: "建议面商（次）" },
  { key: "caseSteps", label: "参与办理环节（次）" },
];
