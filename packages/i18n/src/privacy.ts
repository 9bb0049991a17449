/** 个人信息保护 (issue 19) in Chinese: the county's retention of citizens' names and phones, and erasure requests. */
export const privacyZh = {
  nav: "个人信息保护",
  title: "个人信息保护",
  intro:
    "群众留下的姓名和手机号码只用于办理其意见。案件办结满保留期限后，系统自动删除姓名和号码，案件本身和各项统计数据不受影响。",
  retention: "保留期限",
  retentionMonths: "办结后保留（月）",
  retentionHint: "6 至 120 个月。到期后由系统每小时巡检时删除。",
  retentionDefault: "未设置，按系统默认 {{months}} 个月",
  retentionOwn: "本区县设置：{{months}} 个月",
  save: "保存",
  saved: "已保存",
  figures: {
    held: "留有姓名或号码的案件",
    expired: "已过保留期限、待删除",
    erased: "已删除个人信息的案件",
  },
  request: "受理删除申请",
  requestIntro:
    "群众申请删除个人信息时，请其提供任一案件的查询码和当时留下的手机号码，核对一致后删除其在本区县所有案件中的姓名和号码。",
  trackingCode: "查询码",
  phone: "手机号码",
  erase: "核对并删除",
  erased: "已删除 {{count}} 件案件中的姓名和手机号码",
  errors: {
    noSuchCase: "没有找到查询码和手机号码都相符的案件",
  },
};

export const privacyAuditZh = {
  retention_set: "设置个人信息保留期限",
  expired_erased: "到期删除个人信息",
  erasure_requested: "受理删除个人信息申请",
};

export const privacyEn: typeof privacyZh = {
  nav: "Personal data",
  title: "Personal data",
  intro:
    "The names and phone numbers citizens leave are used only to handle their opinions. Once a case has been closed for the retention period, the name and number are erased; the case and every figure stay.",
  retention: "Retention",
  retentionMonths: "Kept after closing (months)",
  retentionHint: "6 to 120 months. Erased at the next hourly round once due.",
  retentionDefault: "Not set: the default of {{months}} months",
  retentionOwn: "This county's setting: {{months}} months",
  save: "Save",
  saved: "Saved",
  figures: {
    held: "Cases holding a name or number",
    expired: "Past the retention, to be erased",
    erased: "Cases whose personal data was erased",
  },
  request: "Erasure requests",
  requestIntro:
    "When a citizen asks to have their data erased, ask for the tracking code of one of their cases and the phone number they left; if both match, their name and number are erased from every case of the county.",
  trackingCode: "Tracking code",
  phone: "Mobile number",
  erase: "Check and erase",
  erased: "Name and number erased from {{count}} cases",
  errors: {
    noSuchCase: "No case matches both the tracking code and the phone number",
  },
};

export const privacyAuditEn: typeof privacyAuditZh = {
  retention_set: "Retention of personal data set",
  expired_erased: "Expired personal data erased",
  erasure_requested: "Erasure request handled",
};
