import { assertCan } from "@rdlink/auth";
import { communities, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";

/** One township with its communities; 404 when it is not the actor's to see (or not this county's). */
export async function getTownship(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const parsed = ZId.safeParse(idInput);
  if (!parsed.success) throw new NotFoundError();
  const id = parsed.data;
  const [township] = await tx
    .select()
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, id)));
  if (!township) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.townships.read", { tenantId: tx.tenantId, townshipId: id });
  const communityRows = await tx
    .select()
    .from(communities)
    .where(and(eq(communities.tenantId, tx.tenantId), eq(communities.townshipId, id)))
    .orderBy(asc(naturalOrder(communities.name)));
  return { township, communities: communityRows };
}
