import { randomBytes } from "node:crypto";
import { IdempotencyKeyReusedError, RateLimitedError } from "@rdlink/core/shared/errors";
import { env } from "@rdlink/env";
import { data } from "react-router";
import { type FormFailure, failureResponse } from "./actions.server";

let drawnAtBoot: string | undefined;

/** The secret of the public intake (proof of work, rate-limit keys): INTAKE_SECRET, else one per process. */
export function intakeSecret(): string {
  drawnAtBoot ??= randomBytes(32).toString("hex");
  return env().INTAKE_SECRET ?? drawnAtBoot;
}

/**
 * failureResponse, plus 429 with Retry-After for the public pages' rate limits, and 422 for
 * a form sent again with its key but other content (the first submission stands).
 */
export function publicFailureResponse(error: unknown) {
  if (error instanceof IdempotencyKeyReusedError) {
    return data<FormFailure>({ ok: false, fieldErrors: {}, formError: "intake.errors.keyReused" }, { status: 422 });
  }
  if (error instanceof RateLimitedError) {
    const minutes = String(Math.max(1, Math.ceil(error.retryAfterSeconds / 60)));
    return data<FormFailure>(
      { ok: false, fieldErrors: {}, formError: "errors.rateLimited", values: { minutes } },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  return failureResponse(error);
}
