import { assertCan } from "@rdlink/auth";
import { cases, revisitItems, suggestions, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { assertTeam, revisitCampaignOf } from "./revisit-campaign-of";
import { ZAddRevisitItems } from "./revisit-input";

/**
 * The campaign takes these suggestions, optionally all for one 督办组. Each must be the county's
 * and answered (its case has a first answer); those that are not are named
 * (`suggestionIds.<id>`) and nothing is written. One already in the campaign stays as it is.
 */
export async function addRevisitItems(tx: TenantTx, ctx: UseCaseContext, campaignId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const campaign = await revisitCampaignOf(tx, campaignId);
  const { suggestionIds, teamId } = parseInput(ZAddRevisitItems, input);
  if (teamId) await assertTeam(tx, teamId);
  const ids = [...new Set(suggestionIds)];
  const answered = await tx
    .select({ id: suggestions.id })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .where(and(eq(suggestions.tenantId, tx.tenantId), inArray(suggestions.id, ids), isNotNull(cases.firstAnsweredAt)));
  const found = new Set(answered.map((r) => r.id));
  const refused = ids.filter((id) => !found.has(id));
  if (refused.length > 0) {
    throw new ValidationError(
      Object.fromEntries(refused.map((id) => [`suggestionIds.${id}`, "revisits.notAnswered"])),
      "revisits.notAnswered",
    );
  }
  const added = await tx
    .insert(revisitItems)
    .values(ids.map((suggestionId) => ({ campaignId: campaign.id, suggestionId, teamId, createdAt: ctx.clock.now() })))
    .onConflictDoNothing()
    .returning({ id: revisitItems.id });
  await recordAudit(tx, ctx, {
    action: "revisitCampaign.items_added",
    objectType: "revisitCampaign",
    objectId: campaign.id,
    detail: { name: campaign.name, count: added.length },
  });
  return { added: added.length };
}
