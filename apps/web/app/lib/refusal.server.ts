import { PermissionDenied } from "@rdlink/auth";
import { UploadError } from "@rdlink/core/files/store-image";
import {
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from "@rdlink/core/shared/errors";
import { DatabaseUnavailableError, TenantIdError } from "@rdlink/db";

/**
 * A deliberate refusal, whatever raised it: its HTTP status and what to tell the user (i18n keys).
 * The one place that decides how an error becomes a 4xx or a 503; forms, the public pages and the
 * API each only render it their way.
 */
export type Refusal =
  | { status: 400; kind: "invalid"; fieldErrors: Record<string, string>; formError?: string }
  | { status: 404; kind: "notFound" }
  | { status: 409; kind: "conflict"; messageKey: string; field?: string; values?: Record<string, string> }
  | { status: 400 | 413 | 415; kind: "upload"; messageKey: string }
  | { status: 422; kind: "keyReused" }
  | { status: 429; kind: "rateLimited"; retryAfterSeconds: number }
  | { status: 503; kind: "unavailable"; retryAfterSeconds: number };

/** The refusal an error stands for, or null for a bug (which must become a 500 without details). */
export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof ValidationError) {
    return { status: 400, kind: "invalid", fieldErrors: error.fieldErrors, formError: error.formError };
  }
  // Not permitted looks like not there: another county's page is not even confirmed to exist.
  if (error instanceof NotFoundError || error instanceof PermissionDenied || error instanceof TenantIdError) {
    return { status: 404, kind: "notFound" };
  }
  if (error instanceof ConflictError) {
    return { status: 409, kind: "conflict", messageKey: error.message, field: error.field, values: error.values };
  }
  if (error instanceof UploadError) return { status: error.status, kind: "upload", messageKey: error.messageKey };
  if (error instanceof IdempotencyKeyReusedError) return { status: 422, kind: "keyReused" };
  if (error instanceof RateLimitedError) {
    return { status: 429, kind: "rateLimited", retryAfterSeconds: error.retryAfterSeconds };
  }
  // The database restarting or failing over: the same request may be sent again shortly.
  if (error instanceof DatabaseUnavailableError) return { status: 503, kind: "unavailable", retryAfterSeconds: 5 };
  return null;
}
