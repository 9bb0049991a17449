import type { z } from "zod";

/**
 * Errors a use case raises on purpose. Messages are i18n keys; the web app turns
 * them into the user's language and a 4xx status. Anything else is a bug (500).
 */
export class ValidationError extends Error {
  readonly status = 400;
  constructor(
    /** field name → i18n key */
    readonly fieldErrors: Record<string, string>,
    readonly formError?: string,
  ) {
    super(
      formError ??
        `validation.invalid (${Object.entries(fieldErrors)
          .map(([f, k]) => `${f}: ${k}`)
          .join(", ")})`,
    );
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what = "errors.notFound") {
    super(what);
  }
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    messageKey: string,
    readonly field?: string,
    readonly values?: Record<string, string>,
  ) {
    super(messageKey);
  }
}

/** An Idempotency-Key sent again with a different request: refused, the first request's result stands. */
export class IdempotencyKeyReusedError extends Error {
  readonly status = 422;
  constructor() {
    super("errors.idempotencyKeyReused");
  }
}

/** Too many requests from one address or for one station: try again after `retryAfterSeconds`. */
export class RateLimitedError extends Error {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super("errors.rateLimited");
  }
}

/** Parses untrusted input or throws a ValidationError naming each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "_form";
    fieldErrors[field] ??= issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
  }
  throw new ValidationError(fieldErrors);
}

/** Whether a statement failed with PostgreSQL's error `code` (SQLSTATE), under drizzle's "Failed query" wrapper or not. */
/**
 * division_by_zero: what a statement that refuses itself raises (it divides by whether its
 * condition holds), so that nothing of it commits even when its transaction's COMMIT went with it.
 */
export const STATEMENT_REFUSED_ITSELF = "22012";

export function isSqlState(error: unknown, code: string): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === code || e?.cause?.code === code;
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return isSqlState(error, "23505");
}
