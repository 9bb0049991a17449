import { randomBytes } from "node:crypto";

/** A fresh nonce for one document: 128 random bits, as CSP asks. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every page (see docs/decisions/0006-content-security-policy.md
 * for why each source is there). Scripts run only from this origin or with this document's
 * nonce; nothing else is loaded from anywhere else.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`],
    // Mantine writes style="" attributes and a <style> of theme variables; a nonce here would
    // switch 'unsafe-inline' off, and style attributes cannot carry one.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'"],
    ["font-src", "'self'"],
    // Vite's hot reload talks over a WebSocket on its own port, in development only.
    ["connect-src", "'self'", ...(development ? ["ws:"] : [])],
    // ELK and the proof of work both run on the page's own thread.
    ["worker-src", "'none'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((sources) => sources.join(" ")).join("; ");
}

/** Whether the browser reached us over TLS: directly, or through the proxy (X-Forwarded-Proto). */
export function cameOverTls(request: Request): boolean {
  const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || new URL(request.url).protocol === "https:";
}

/** The headers every HTML document carries beside those server.ts sets on every response. */
export function setDocumentSecurityHeaders(
  request: Request,
  headers: Headers,
  nonce: string,
  { development = false } = {},
) {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, { development }));
  // Browsers ignore HSTS over plain HTTP, and sending it there would only mislead.
  if (cameOverTls(request)) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
