/** Why an event was refused. Each leaves the case exactly as it was. */
export class WorkflowError extends Error {
  constructor(
    readonly code:
      | "caseNotFound"
      | "seqConflict"
      | "eventNotAvailable"
      | "eventNotPermitted"
      | "invalidData"
      | "idempotencyConflict"
      | "caseClosed",
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
