export * from "./audit";
export * from "./case-operations";
export * from "./handling-units";
export * from "./platform";
export * from "./stations";
export * from "./templates";
export * from "./tenancy";
export * from "./workflows";
