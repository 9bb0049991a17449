import { rename, unlink } from "node:fs/promises";
import path from "node:path";
import { isConnectionFailure } from "@rdlink/db";

/** Where photos wait, inside the store directory (so moving one into place is an atomic rename). */
export const INCOMING_FOLDER = ".incoming";

export function incomingDirectoryOf(directory: string): string {
  return path.join(directory, INCOMING_FOLDER);
}

/**
 * The photos one unit of work stores. They are written to `<directory>/.incoming/` and become
 * servable only once the transaction that records their `files` rows has committed
 * (`publish`); a refused or failed one removes them (`discard`). A process killed between the
 * two leaves them to sweepOrphanFiles, which finishes the move or removes them.
 */
export class StagedFiles {
  readonly #names: string[] = [];

  constructor(readonly directory: string) {}

  get incomingDirectory(): string {
    return incomingDirectoryOf(this.directory);
  }

  /** A file storeImage wrote into `incomingDirectory`. */
  add(storedName: string): void {
    this.#names.push(storedName);
  }

  /** Moves them into place. Never throws: their rows are committed, and the sweep retries any left behind. */
  async publish(): Promise<void> {
    for (const name of this.#names.splice(0)) {
      await rename(path.join(this.incomingDirectory, name), path.join(this.directory, name)).catch(() => {});
    }
  }

  async discard(): Promise<void> {
    for (const name of this.#names.splice(0)) {
      await unlink(path.join(this.incomingDirectory, name)).catch(() => {});
    }
  }
}

/**
 * Runs `work` with a StagedFiles for `directory`. `work` must commit its transaction before
 * it resolves (wrap the whole `db.withTenant(…)`), so that its photos are moved into place
 * after the commit, and removed when it throws (kept for the sweep when the database
 * connection failed, since the commit may have happened).
 */
export async function withStagedFiles<T>(directory: string, work: (staged: StagedFiles) => Promise<T>): Promise<T> {
  const staged = new StagedFiles(directory);
  let result: T;
  try {
    result = await work(staged);
  } catch (error) {
    // A connection lost during the commit leaves its outcome unknown: the row may exist. The
    // sweep decides later from the rows (moves them into place, or removes them after a day).
    if (!isConnectionFailure(error)) await staged.discard();
    throw error;
  }
  await staged.publish();
  return result;
}
