import { type StagedFiles, withStagedFiles } from "@rdlink/core/files/staged-files";
import { getDatabase, type TenantTx } from "@rdlink/db";
import { filesDirectory } from "@rdlink/env";

/** Where uploaded photos live: FILES_DIR, else `files/` in the data directory. */
export { filesDirectory };

/** Photos a form may carry at once (a ledger entry, a checklist item's evidence). */
export const MAX_PHOTOS_PER_FORM = 6;

/**
 * A county's transaction that may store photos (through `staged`): they are kept only if it
 * commits, so a refused form leaves no file behind.
 */
export function withTenantStoringFiles<T>(
  tenantId: string,
  work: (tx: TenantTx, staged: StagedFiles) => Promise<T>,
): Promise<T> {
  return withStagedFiles(filesDirectory(), (staged) => getDatabase().withTenant(tenantId, (tx) => work(tx, staged)));
}
