import { assertCan } from "@rdlink/auth";
import { communities, type TenantTx, townships } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZAddCommunity = z.object({ townshipId: ZId, name: ZName });

/** A village or community the division list lacks (a new residential community, say). */
export async function addCommunity(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { townshipId, name } = parseInput(ZAddCommunity, input);
  assertCan(ctx.actor, "tenant.communities.manage", { tenantId: tx.tenantId, townshipId });
  const [township] = await tx
    .select({ id: townships.id })
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, townshipId), isNull(townships.archivedAt)));
  if (!township) throw new ValidationError({ townshipId: "validation.unknownTownship" });
  try {
    const [community] = await tx.insert(communities).values({ townshipId, name }).returning();
    await recordAudit(tx, ctx, {
      action: "community.added",
      objectType: "community",
      objectId: community!.id,
      detail: { name },
    });
    return community!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("communities.nameTaken", "name");
    throw error;
  }
}
