/** The kinds of 履职台账 entries. Import-safe in the browser (no database code). */
export const activityKinds = [
  "reception",
  "visit",
  "training",
  "study",
  "mediation",
  "legislativeConsultation",
  "postService",
  "other",
] as const;
export type TActivityKind = (typeof activityKinds)[number];

/** The ledger's figures a workflow step may add one to (调解纠纷起数, 安排就业人次, 接待人次). */
export const ledgerFigures = ["disputesMediated", "jobsArranged", "peopleReceived"] as const;
export type TLedgerFigure = (typeof ledgerFigures)[number];
