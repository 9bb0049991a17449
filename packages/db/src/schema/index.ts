// One file per area, named as core's folders: stations, deputies, posts (duty posts at stations and
// their claims), grids, activities (履职台账, the ledger), files.
export * from "./activities";
export * from "./audit";
export * from "./case-operations";
export * from "./consultations";
export * from "./deputies";
export * from "./files";
export * from "./grids";
export * from "./handling-units";
export * from "./pairs";
export * from "./platform";
export * from "./posts";
export * from "./privacy";
export * from "./scoring";
export * from "./station-reviews";
export * from "./stations";
export * from "./suggestions";
export * from "./template-library";
export * from "./templates";
export * from "./tenancy";
export * from "./voting";
export * from "./webhooks";
export * from "./workflows";
