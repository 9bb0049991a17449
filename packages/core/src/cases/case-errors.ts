import { WorkflowError } from "@rdlink/workflow";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";

/** The runtime's refusals as the app's 4xx errors, with i18n keys. */
export function asUseCaseError(error: unknown): unknown {
  if (!(error instanceof WorkflowError)) return error;
  switch (error.code) {
    case "caseNotFound":
      return new NotFoundError();
    case "seqConflict":
      return new ConflictError("errors.caseChanged", undefined, {
        currentSeq: String(error.details.currentSeq ?? ""),
        state: String(error.details.state ?? ""),
      });
    case "invalidData":
      return new ValidationError(error.details.fieldErrors as Record<string, string>);
    case "idempotencyConflict":
      return new ConflictError("errors.idempotencyConflict");
    case "caseClosed":
      return new ConflictError("errors.caseClosed");
    default:
      return new ValidationError(
        {},
        error.code === "eventNotPermitted" ? "errors.eventNotPermitted" : "errors.eventNotAvailable",
      );
  }
}
