import { files, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/**
 * A photo of this county, to be served to one of its users. Ids are random UUIDs that
 * only reach users through pages they may see; another county's id is not found.
 */
export async function getStoredFile(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const id = ZId.safeParse(idInput);
  if (!id.success || ctx.actor.memberships.length === 0) throw new NotFoundError();
  const [file] = await tx
    .select({ storedName: files.storedName, mimeType: files.mimeType })
    .from(files)
    .where(and(eq(files.tenantId, tx.tenantId), eq(files.id, id.data)));
  if (!file) throw new NotFoundError();
  return file;
}
