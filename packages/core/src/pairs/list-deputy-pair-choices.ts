import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The deputies the actor may pair with a household: those of their townships, not archived. */
export async function listDeputyPairChoices(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  return tx
    .select({ id: deputies.id, name: deputies.name, townshipName: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(
      and(
        eq(deputies.tenantId, tx.tenantId),
        isNull(deputies.archivedAt),
        scope === "all" ? undefined : inArray(deputies.townshipId, scope),
      ),
    )
    .orderBy(asc(townships.name), asc(deputies.name))
    .limit(2000);
}
