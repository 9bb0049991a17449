import { SESSION_ABSOLUTE_TIMEOUT_MS } from "./session";

/**
 * The session cookie: HttpOnly (no script reads it), Secure (never over plain HTTP;
 * browsers treat http://localhost as secure), SameSite=Lax, and the __Host- prefix,
 * which pins it to this host and path /.
 */
export const SESSION_COOKIE = "__Host-rd_session";

/** The browser keeps it as long as the session could live at most; the server enforces the idle limit. */
export function sessionCookie(token: string): string {
  const maxAge = Math.floor(SESSION_ABSOLUTE_TIMEOUT_MS / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAge}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
