export * from "./audit";
export * from "./platform";
export * from "./stations";
export * from "./templates";
export * from "./tenancy";
export * from "./workflows";
