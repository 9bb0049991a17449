import { assertCan } from "@rdlink/auth";
import { revisitCampaigns, revisitItems, type TenantTx, users } from "@rdlink/db";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { ratio } from "./revisit-input";

/** The county's 回头看 campaigns, newest year first, each with its items and 兑现率. */
export async function listRevisitCampaigns(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const rows = await tx
    .select({
      id: revisitCampaigns.id,
      name: revisitCampaigns.name,
      year: revisitCampaigns.year,
      createdAt: revisitCampaigns.createdAt,
      createdBy: users.displayName,
      items: count(revisitItems.id),
      found: sql<number>`count(${revisitItems.finding})::int`,
      kept: sql<number>`(count(*) filter (where ${revisitItems.finding} = 'kept'))::int`,
    })
    .from(revisitCampaigns)
    .leftJoin(
      revisitItems,
      and(eq(revisitItems.tenantId, revisitCampaigns.tenantId), eq(revisitItems.campaignId, revisitCampaigns.id)),
    )
    .leftJoin(users, eq(users.id, revisitCampaigns.createdBy))
    .where(eq(revisitCampaigns.tenantId, tx.tenantId))
    .groupBy(revisitCampaigns.tenantId, revisitCampaigns.id, users.displayName)
    .orderBy(desc(revisitCampaigns.year), desc(revisitCampaigns.createdAt));
  return rows.map((r) => ({ ...r, keptRate: ratio(r.kept, r.found) }));
}
