import { assertCan, stationScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { inTownshipScope } from "../shared/scope";

/** Every deputy the actor may see, as a form's choices ("韦建国（金陵镇）"): names only, never phones. */
export async function listDeputyChoices(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const rows = await tx
    .select({ id: deputies.id, name: deputies.name, townshipName: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(
      and(
        eq(deputies.tenantId, tx.tenantId),
        isNull(deputies.archivedAt),
        inTownshipScope(deputies.townshipId, stationScope(ctx.actor)),
      ),
    )
    .orderBy(asc(deputies.name))
    .limit(5000);
  return rows.map((d) => ({ value: d.id, label: `${d.name}（${d.townshipName}）` }));
}
