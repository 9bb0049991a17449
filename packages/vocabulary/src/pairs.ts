/** 双联 (decision 0028): the three kinds of household a deputy is paired with. */
export const pairKinds = ["child", "lowIncome", "business"] as const;
export type TPairKind = (typeof pairKinds)[number];

/** How a visit took place: 上门访, 请进来, 集中谈. */
export const pairVisitForms = ["home", "invited", "group"] as const;
export type TPairVisitForm = (typeof pairVisitForms)[number];
