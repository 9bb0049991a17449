/** How a case's deadline shows on the workbench: red overdue, amber warning. */
export const DEADLINE_COLOR = { overdue: "red", warning: "orange", onTime: "green", none: "gray" } as const;
