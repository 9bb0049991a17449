import { Socket } from "node:net";

/**
 * The writes to this process's sockets while `work` runs. postgres.js writes what it has queued in
 * one go and then waits for the answer, so with nothing else talking on a socket (psql runs as a
 * child) this counts the round trips to PostgreSQL. For tests and benchmarks: it patches
 * `Socket.prototype.write` for the duration.
 */
export async function socketWritesDuring(work: () => Promise<unknown>): Promise<number> {
  const write = Socket.prototype.write;
  let writes = 0;
  Socket.prototype.write = function counted(this: Socket, ...args: Parameters<Socket["write"]>) {
    writes++;
    return write.apply(this, args);
  } as Socket["write"];
  try {
    await work();
  } finally {
    Socket.prototype.write = write;
  }
  return writes;
}
