import { revisitCampaigns, type TenantTx, teams } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { NotFoundError, ValidationError } from "../shared/errors";

/** The county's campaign (404 for any other id). */
export async function revisitCampaignOf(tx: TenantTx, campaignId: string) {
  if (!z.uuid().safeParse(campaignId).success) throw new NotFoundError();
  const [campaign] = await tx
    .select()
    .from(revisitCampaigns)
    .where(and(eq(revisitCampaigns.tenantId, tx.tenantId), eq(revisitCampaigns.id, campaignId)));
  if (!campaign) throw new NotFoundError();
  return campaign;
}

/** A 督办组 must be one of the county's teams in use; otherwise refused on `teamId`. */
export async function assertTeam(tx: TenantTx, teamId: string) {
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tx.tenantId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  if (!team) throw new ValidationError({ teamId: "revisits.unknownTeam" });
}
