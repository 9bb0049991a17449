import path from "node:path";
import { env } from "@rdlink/env";

/** Where uploaded photos live: FILES_DIR, else `files/` in the data directory. */
export function filesDirectory(): string {
  const { FILES_DIR, DATA_DIR } = env();
  return FILES_DIR ?? path.join(DATA_DIR, "files");
}

/** Photos a form may carry at once (a ledger entry, a checklist item's evidence). */
export const MAX_PHOTOS_PER_FORM = 6;
