import { files, type TenantTx } from "@rdlink/db";
import type { UseCaseContext } from "../shared/context";
import type { StagedFiles } from "./staged-files";
import { storeImage, UploadError } from "./store-image";

export type Upload = { bytes: Uint8Array; filename: string; declaredType?: string };

/**
 * Stores photos a user (or, with no context, a citizen on a public page) attached to a form (ledger entries, checklist evidence) and
 * records them in the county's `files`, returning their ids in upload order.
 * Each is checked and re-encoded by storeImage; one bad photo refuses them all.
 * They are written staged (see StagedFiles): a file becomes permanent only with the
 * transaction that records its row, so a refused form leaves nothing on disk.
 */
export async function saveUploadedImages(
  tx: TenantTx,
  ctx: UseCaseContext | null,
  uploads: Upload[],
  options: { staged: StagedFiles; maxFiles: number },
): Promise<string[]> {
  if (uploads.length > options.maxFiles) throw new UploadError(400, "errors.tooManyFiles");
  const ids: string[] = [];
  for (const upload of uploads) {
    const stored = await storeImage(upload, { directory: options.staged.incomingDirectory });
    options.staged.add(stored.storedName);
    await tx.insert(files).values({
      id: stored.id,
      storedName: stored.storedName,
      mimeType: stored.mimeType,
      bytes: stored.bytes,
      width: stored.width,
      height: stored.height,
      uploadedBy: ctx?.actor.userId ?? null,
    });
    ids.push(stored.id);
  }
  return ids;
}
