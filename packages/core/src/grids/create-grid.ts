import { assertCan } from "@rdlink/auth";
import { communities, grids, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZCreateGrid = z.object({ communityId: ZId, name: ZName });

/** A grid in a community of a township the actor manages; names are unique within the community. */
export async function createGrid(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { communityId, name } = parseInput(ZCreateGrid, input);
  const [community] = await tx
    .select({ id: communities.id, townshipId: communities.townshipId, name: communities.name })
    .from(communities)
    .where(and(eq(communities.tenantId, tx.tenantId), eq(communities.id, communityId), isNull(communities.archivedAt)));
  if (!community) throw new ValidationError({ communityId: "validation.unknownCommunity" });
  assertCan(ctx.actor, "tenant.grids.manage", { tenantId: tx.tenantId, townshipId: community.townshipId });
  try {
    const [grid] = await tx.insert(grids).values({ communityId, name }).returning();
    await recordAudit(tx, ctx, {
      action: "grid.created",
      objectType: "grid",
      objectId: grid!.id,
      detail: { community: community.name, name },
    });
    return grid!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("grids.nameTaken", "name");
    throw error;
  }
}
