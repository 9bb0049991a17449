import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * How long the connection of a request answered before its body was read may stay open: nginx's
 * `lingering_timeout` (5 s). Closing it resets the connection, and a client still sending then
 * fails with EPIPE unless it has read the answer by then; 1 s was too short for a busy client
 * (CI, load 8: a 2 MB form's 413 lost to EPIPE).
 */
export const UNREAD_BODY_LINGER_MS = 5000;

/**
 * Forms are read as they stream in (see readMultipartForm), and a refusal — a body too large
 * by its Content-Length, the public form's rate limit or proof of work, a part over its
 * limit — answers before the rest of the body has been read. Once such an answer is out, this
 * ends the connection and takes none of the rest: the client sees the answer, then the end,
 * and stops sending; one that goes on is cut off after `lingerMs` (never before, so that the
 * answer is not lost to a reset while the client's bytes wait unread).
 */
export function endConnectionIfBodyUnread(
  req: IncomingMessage,
  res: ServerResponse,
  lingerMs: number = UNREAD_BODY_LINGER_MS,
): void {
  // The answer says so (Connection: close): a keep-alive client would otherwise send its next
  // request on this connection as it ends, and get a reset instead of an answer.
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (bodyUnread(req) && !this.headersSent) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  res.on("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), lingerMs).unref();
  });
}

/** A request that has a body, not all of it read yet. */
function bodyUnread(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
