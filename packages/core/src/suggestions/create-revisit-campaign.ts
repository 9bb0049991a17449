import { assertCan } from "@rdlink/auth";
import { revisitCampaigns, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZRevisitCampaignInput } from "./revisit-input";

/** 回头看: a campaign (name, year) that will revisit answered suggestions. */
export async function createRevisitCampaign(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { name, year } = parseInput(ZRevisitCampaignInput, input);
  try {
    const [campaign] = await tx
      .insert(revisitCampaigns)
      .values({ name, year, createdBy: ctx.actor.userId, createdAt: ctx.clock.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: "revisitCampaign.created",
      objectType: "revisitCampaign",
      objectId: campaign!.id,
      detail: { name, year },
    });
    return campaign!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("revisits.nameTaken", "name");
    throw error;
  }
}
