export * from "./activity-kinds";
export * from "./roles";
