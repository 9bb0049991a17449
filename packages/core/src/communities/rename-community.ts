import { assertCan } from "@rdlink/auth";
import { communities, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZRenameCommunity = z.object({ id: ZId, name: ZName });

export async function renameCommunity(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { id, name } = parseInput(ZRenameCommunity, input);
  const before = await findCommunityToManage(tx, ctx, id);
  try {
    await tx
      .update(communities)
      .set({ name })
      .where(and(eq(communities.tenantId, tx.tenantId), eq(communities.id, id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("communities.nameTaken", "name");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "community.renamed",
    objectType: "community",
    objectId: id,
    detail: { from: before.name, to: name },
  });
}

/** A community of this county the actor may manage; another township's (or county's) is not found. */
export async function findCommunityToManage(tx: TenantTx, ctx: UseCaseContext, id: string) {
  const [community] = await tx
    .select()
    .from(communities)
    .where(and(eq(communities.tenantId, tx.tenantId), eq(communities.id, id)));
  if (!community) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.communities.manage", { tenantId: tx.tenantId, townshipId: community.townshipId });
  return community;
}
