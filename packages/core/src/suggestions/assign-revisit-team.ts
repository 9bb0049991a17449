import { assertCan } from "@rdlink/auth";
import { revisitItems, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { assertTeam, revisitCampaignOf } from "./revisit-campaign-of";
import { ZAssignRevisitTeam } from "./revisit-input";

/** Items of the campaign go to one 督办组 (one item or many at once); an item not in it is named. */
export async function assignRevisitTeam(tx: TenantTx, ctx: UseCaseContext, campaignId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const campaign = await revisitCampaignOf(tx, campaignId);
  const { itemIds, teamId } = parseInput(ZAssignRevisitTeam, input);
  await assertTeam(tx, teamId);
  const ids = [...new Set(itemIds)];
  const inCampaign = and(
    eq(revisitItems.tenantId, tx.tenantId),
    eq(revisitItems.campaignId, campaign.id),
    inArray(revisitItems.id, ids),
  );
  const known = new Set(
    (await tx.select({ id: revisitItems.id }).from(revisitItems).where(inCampaign)).map((r) => r.id),
  );
  const strangers = ids.filter((id) => !known.has(id));
  if (strangers.length > 0) {
    throw new ValidationError(
      Object.fromEntries(strangers.map((id) => [`itemIds.${id}`, "revisits.notInCampaign"])),
      "revisits.notInCampaign",
    );
  }
  await tx.update(revisitItems).set({ teamId }).where(inCampaign);
  await recordAudit(tx, ctx, {
    action: "revisitCampaign.team_assigned",
    objectType: "revisitCampaign",
    objectId: campaign.id,
    detail: { name: campaign.name, count: ids.length },
  });
  return { assigned: ids.length };
}
