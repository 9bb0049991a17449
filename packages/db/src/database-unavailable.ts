/**
 * The database could not be reached or dropped the connection: a restart, a failover, a
 * network fault. Nothing about the request was wrong, so it is a 503 the client may retry,
 * never a 500.
 *
 * Shaped like a React Router error response (status, statusText, internal, data), which the
 * router recognises by those fields, so a loader, action or middleware that meets it answers
 * 503 with this message, and a page shows its error boundary for "busy" instead of a crash.
 */
export class DatabaseUnavailableError extends Error {
  readonly status = 503;
  readonly statusText = "Service Unavailable";
  readonly internal = false;
  readonly data = "系统繁忙，请稍后再试";

  constructor(cause: unknown) {
    super("The database is unavailable", { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/** postgres.js's own codes for a connection it lost or could not make. */
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);
/** Node's socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
/** SQLSTATEs of a server going away: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SERVER_STATES = new Set(["57P01", "57P02", "57P03"]);

/** Whether `error`, or any error it was caused by, is the connection failing rather than the query. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      // Class 08 is "connection exception".
      if (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || SERVER_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
        return true;
    }
    // An AggregateError (several addresses refused) carries its errors beside no cause.
    const inner = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.some(isConnectionFailure)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Rethrows a connection failure as a DatabaseUnavailableError, anything else as it is. */
export function rethrowUnavailable(error: unknown): never {
  if (error instanceof DatabaseUnavailableError || !isConnectionFailure(error)) throw error;
  throw new DatabaseUnavailableError(error);
}
