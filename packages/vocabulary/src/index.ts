export * from "./activity-kinds";
export * from "./consultation-comments";
export * from "./roles";
