export { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "./cookie";
export { decoyPasswordHash, hashPassword, verifyPassword, ZNewPassword } from "./password";
export {
  type Actor,
  assertCan,
  can,
  handlingUnitsOf,
  hasOnlyRole,
  hasRole,
  homePath,
  type Permission,
  PermissionDenied,
  stationScope,
  type Target,
  townshipsInScope,
  townshipsOfRole,
} from "./permissions";
export { isSameOriginRequest } from "./same-origin";
export {
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  sessionIdOf,
  type ValidSession,
  validateSessionToken,
} from "./session";
export {
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FAILURE_LIMIT,
  clearAccountFailures,
  lockedUntil,
  recordFailure,
} from "./throttle";
