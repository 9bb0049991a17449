import { authenticateApiKey } from "@rdlink/core/api-keys/authenticate-api-key";
import { hitRateLimit, type RateLimit } from "@rdlink/core/intake/rate-limit";
import { type AppTx, getDatabase, type TenantTx } from "@rdlink/db";
import { resources } from "@rdlink/i18n";
import { isCleanJson } from "./clean-input";
import { appClock } from "./clock.server";
import { refusalOf } from "./refusal.server";

/**
 * The HTTP API for other systems (`/api/…`): JSON in, JSON out, `Authorization: Bearer
 * <key>` and nothing else (session cookies are never read here, so there is no CSRF to
 * defend against: the root's same-origin check leaves these paths alone). Every error is
 * `{ error: { code, message } }`: an English code for programs and a zh-CN message for
 * people (the API does not negotiate languages).
 */
export const API_PREFIX = "/api/";
/** A JSON body larger than this is refused before it is parsed. */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** Requests per key. */
export const API_RATE_LIMIT: RateLimit = { max: 600, windowMs: 60_000 };

export const isApiRequest = (request: Request) => new URL(request.url).pathname.startsWith(API_PREFIX);

export type ApiErrorCode =
  | "unauthorized"
  | "rate_limited"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_json"
  | "invalid_input"
  | "validation_failed"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "idempotency_key_reused"
  | "unavailable"
  | "server_error";

const MESSAGE_KEYS: Record<ApiErrorCode, string> = {
  unauthorized: "apiKeys.apiErrors.unauthorized",
  rate_limited: "apiKeys.apiErrors.rateLimited",
  unsupported_media_type: "apiKeys.apiErrors.unsupportedMediaType",
  payload_too_large: "apiKeys.apiErrors.payloadTooLarge",
  malformed_json: "apiKeys.apiErrors.malformedJson",
  invalid_input: "apiKeys.apiErrors.invalidInput",
  validation_failed: "apiKeys.apiErrors.validationFailed",
  not_found: "apiKeys.apiErrors.notFound",
  method_not_allowed: "apiKeys.apiErrors.methodNotAllowed",
  conflict: "errors.idempotencyConflict",
  idempotency_key_reused: "errors.idempotencyKeyReused",
  unavailable: "apiKeys.apiErrors.unavailable",
  server_error: "apiKeys.apiErrors.server",
};

/** An i18n key in zh-CN, the only language of the API's messages; the key itself if unknown. */
export function zh(key: string): string {
  let value: unknown = resources["zh-CN"].translation;
  for (const part of key.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return typeof value === "string" ? value.replace(/\{\{\w+\}\}/g, "").trim() : key;
}

const NO_STORE = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(
  status: number,
  code: ApiErrorCode,
  extra: { fields?: Record<string, { code: string; message: string }> } = {},
  headers: Record<string, string> = {},
): Response {
  return apiJson({ error: { code, message: zh(MESSAGE_KEYS[code]), ...extra } }, status, headers);
}

/** A refusal on the way: thrown by the helpers below, answered as it is by `apiHandler`. */
class ApiRefusal extends Error {
  constructor(readonly response: Response) {
    super(`API refusal ${response.status}`);
  }
}

/**
 * The calling key's county, or 401. A key within its limit is counted in its own
 * transaction, before the request's work, so refused and failed requests count too.
 */
export async function authenticateRequest(request: Request, now = appClock.now()) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  const unauthorized = () =>
    new ApiRefusal(apiError(401, "unauthorized", {}, { "WWW-Authenticate": 'Bearer realm="rdlink"' }));
  if (!match) throw unauthorized();
  const outcome = await getDatabase().withoutTenant(async (tx) => {
    const caller = await authenticateApiKey(tx, match[1]!, now);
    if (!caller) return null;
    const limit = await hitRateLimit(tx, `apikey:${caller.keyId}`, API_RATE_LIMIT, now);
    return { caller: { tenantId: caller.tenantId, divisionCode: caller.divisionCode, keyId: caller.keyId }, limit };
  });
  if (!outcome) throw unauthorized();
  if (!outcome.limit.allowed) {
    const seconds = String(outcome.limit.retryAfterSeconds);
    throw new ApiRefusal(apiError(429, "rate_limited", {}, { "Retry-After": seconds }));
  }
  return outcome.caller;
}

/** The county behind an API key, as authenticateRequest finds it. */
export type ApiCaller = Awaited<ReturnType<typeof authenticateRequest>>;

/** One transaction in the calling key's county: the only county a request may write to. */
export function inCallerTenant<T>(caller: ApiCaller, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return getDatabase().withTenant(caller.tenantId, work);
}

/**
 * One transaction before any county is entered, for a lookup by tracking code: the code names
 * its county, which the use case checks against the caller's.
 */
export function outsideTenant<T>(work: (tx: AppTx) => Promise<T>): Promise<T> {
  return getDatabase().withoutTenant(work);
}

/**
 * The JSON body: 415 unless it says it is JSON, 413 above 64 KB, 400 unless it parses, and
 * 400 when a string holds NUL or a lone surrogate or the nesting is deeper than any of ours.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new ApiRefusal(apiError(415, "unsupported_media_type"));
  const tooLarge = () => new ApiRefusal(apiError(413, "payload_too_large"));
  if (Number(request.headers.get("content-length") ?? 0) > MAX_API_BODY_BYTES) throw tooLarge();
  // Read no further than the limit, whatever the header said.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_API_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ApiRefusal(apiError(400, "malformed_json"));
  }
  if (!isCleanJson(body)) throw new ApiRefusal(apiError(400, "invalid_input"));
  return body;
}

/** A use case's deliberate errors (see refusalOf) as API answers; anything else is a 500 without details. */
export function apiFailure(error: unknown): Response {
  if (error instanceof ApiRefusal) return error.response;
  const refusal = refusalOf(error);
  switch (refusal?.kind) {
    case "invalid": {
      const fields = Object.fromEntries(
        Object.entries(refusal.fieldErrors).map(([field, key]) => [field, { code: key, message: zh(key) }]),
      );
      if (refusal.formError) fields._form = { code: refusal.formError, message: zh(refusal.formError) };
      return apiError(400, "validation_failed", { fields });
    }
    case "notFound":
      return apiError(404, "not_found");
    case "conflict":
      return apiError(409, "conflict");
    case "keyReused":
      return apiError(422, "idempotency_key_reused");
    case "rateLimited":
      return apiError(429, "rate_limited", {}, { "Retry-After": String(refusal.retryAfterSeconds) });
    case "unavailable":
      return apiError(503, "unavailable", {}, { "Retry-After": String(refusal.retryAfterSeconds) });
    default:
      // An upload refusal cannot happen (the API takes no files); anything else is a bug.
      console.error(error);
      return apiError(500, "server_error");
  }
}

/** Runs an API handler: every outcome, refusals and bugs included, is a JSON response. */
export async function apiHandler(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return apiFailure(error);
  }
}

export const methodNotAllowed = (allow: string) => apiError(405, "method_not_allowed", {}, { Allow: allow });
