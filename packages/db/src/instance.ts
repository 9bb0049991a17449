import type { Database } from "./database";

/**
 * The process's one Database. Kept on globalThis because the server entry and the
 * bundled app each load their own copy of this module, and PGlite must be opened
 * only once per data directory.
 */
const slot = Symbol.for("rdlink.database");
type Holder = { [slot]?: Database };

export function setDatabase(db: Database): void {
  (globalThis as Holder)[slot] = db;
}

export function getDatabase(): Database {
  const db = (globalThis as Holder)[slot];
  if (!db) throw new Error("The database is not open yet (setDatabase was never called).");
  return db;
}
