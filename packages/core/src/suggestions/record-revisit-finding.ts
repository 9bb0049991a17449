import { assertCan } from "@rdlink/auth";
import { cases, revisitItems, suggestions, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { actOnCase } from "../cases/act-on-case";
import { actingAs } from "../cases/acting-as";
import { eventWith } from "../cases/capabilities";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { revisitCampaignOf } from "./revisit-campaign-of";
import { ZRevisitFinding } from "./revisit-input";

/**
 * What the 督办组 found on one suggestion of the campaign: 兑现 / 部分兑现 / 未兑现, a note, the
 * day. 未兑现 reopens the suggestion's case through its own workflow: the event of the current
 * state's transition that carries `reopenCase` (whatever the county named it). A case whose step
 * offers none (still being handled, or a workflow without 回头看) is refused, naming the
 * suggestion's number, before anything is written.
 */
export async function recordRevisitFinding(
  tx: TenantTx,
  ctx: UseCaseContext,
  campaignId: string,
  input: unknown,
  now = ctx.clock.now(),
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const campaign = await revisitCampaignOf(tx, campaignId);
  const { suggestionId, finding, note, foundOn } = parseInput(ZRevisitFinding, input);
  const [item] = await tx
    .select({
      id: revisitItems.id,
      finding: revisitItems.finding,
      number: suggestions.number,
      kase: cases,
    })
    .from(revisitItems)
    .innerJoin(
      suggestions,
      and(eq(suggestions.tenantId, revisitItems.tenantId), eq(suggestions.id, revisitItems.suggestionId)),
    )
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .where(
      and(
        eq(revisitItems.tenantId, tx.tenantId),
        eq(revisitItems.campaignId, campaign.id),
        eq(revisitItems.suggestionId, suggestionId),
      ),
    );
  if (!item) throw new ValidationError({ suggestionId: "revisits.notInCampaign" }, "revisits.notInCampaign");
  // Found 未兑现 once, the case is already reopened; recording it again must not reopen it twice.
  if (finding === "notKept" && item.finding !== "notKept") {
    const { definition } = await new DrizzleCaseStore(tx).loadVersion(item.kase.versionId);
    const step = eventWith(definition.states[item.kase.state], "reopenCase", actingAs(ctx.actor));
    if (!step) throw new ConflictError("revisits.cannotReopen", undefined, { number: item.number });
    await actOnCase(tx, ctx, { caseId: item.kase.id, event: step.event, data: {}, expectedSeq: item.kase.seq }, now);
  }
  await tx
    .update(revisitItems)
    .set({ finding, note, foundOn, recordedBy: ctx.actor.userId, recordedAt: now })
    .where(and(eq(revisitItems.tenantId, tx.tenantId), eq(revisitItems.id, item.id)));
  await recordAudit(tx, ctx, {
    action: "revisitCampaign.finding_recorded",
    objectType: "revisitCampaign",
    objectId: campaign.id,
    detail: { name: campaign.name, number: item.number, finding },
  });
  return { reopened: finding === "notKept" && item.finding !== "notKept" };
}
