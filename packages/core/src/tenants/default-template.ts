import type { TFieldListInput } from "@rdlink/forms";

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

/** "十大岗位" as Beisi town named them, with what a deputy in each does. */
export const DEFAULT_DUTY_POSTS = [
  { name: "创业带富岗", description: "带头创业，帮助群众发展产业、增收致富" },
  { name: "生态文明岗", description: "宣传环保政策，参与人居环境整治" },
  { name: "治安防范岗", description: "参与平安建设，排查治安隐患" },
  { name: "政策宣传岗", description: "宣讲党的政策和法律法规" },
  { name: "公益服务岗", description: "组织和参与公益志愿服务" },
  { name: "就业帮扶岗", description: "收集岗位信息，帮助群众就业" },
  { name: "法律服务岗", description: "提供法律咨询，参与矛盾纠纷调解" },
  { name: "环卫服务岗", description: "监督环境卫生，推动垃圾分类" },
  { name: "关爱成长岗", description: "关心关爱青少年和留守儿童成长" },
  { name: "康乐生活岗", description: "组织文体活动，关爱老年人生活" },
] as const;

/** The station standards counties review their stations against: "十有" for every type by default, and "五有". */
export const DEFAULT_CHECKLISTS = [
  {
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
  },
  { name: "五有", items: ["有场所", "有标识", "有制度", "有活动", "有台账"] },
] as const;

/**
 * What a citizen fills in on a station's public page besides the opinion itself, its
 * photos and an optional phone number (those are on every intake form).
 */
export const DEFAULT_INTAKE_FIELDS: TFieldListInput = [
  { key: "location", label: { "zh-CN": "涉及地点", en: "Where" }, type: "text", maxLength: 100 },
];
