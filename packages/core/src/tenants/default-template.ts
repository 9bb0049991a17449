/**
 * What a new county starts with; the county edits it afterwards.
 * Names from ../shared/domain (the source articles).
 */
export const DEFAULT_STATION_TYPES = [
  "人大代表联络站",
  "人大代表之家",
  "全过程人民民主基层实践基地",
  "基层立法联系点",
  "行业（专业）代表联络站",
  "民生议事亭",
] as const;

/** "十大岗位" as Beisi town named them. */
export const DEFAULT_DUTY_POSTS = [
  "创业带富岗",
  "生态文明岗",
  "治安防范岗",
  "政策宣传岗",
  "公益服务岗",
  "就业帮扶岗",
  "法律服务岗",
  "环卫服务岗",
  "关爱成长岗",
  "康乐生活岗",
] as const;

/** The "十有" station standard. */
export const DEFAULT_CHECKLIST = {
  name: "十有",
  items: [
    "有场所",
    "有人员",
    "有制度",
    "有活动",
    "有经费",
    "有设备",
    "有宣传阵地",
    "有学习资料",
    "有工作台账",
    "有档案",
  ],
} as const;
