import { assertCan } from "@rdlink/auth";
import { communities, grids, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/** A grid of this county the actor may manage, with its township; anything else is not found. */
export async function findGridToManage(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const id = ZId.safeParse(idInput);
  if (!id.success) throw new NotFoundError();
  const [grid] = await tx
    .select({ id: grids.id, name: grids.name, townshipId: communities.townshipId })
    .from(grids)
    .innerJoin(communities, and(eq(communities.tenantId, grids.tenantId), eq(communities.id, grids.communityId)))
    .where(and(eq(grids.tenantId, tx.tenantId), eq(grids.id, id.data)));
  if (!grid) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.grids.manage", { tenantId: tx.tenantId, townshipId: grid.townshipId });
  return grid;
}
