import { assertCan } from "@rdlink/auth";
import { consultationArticles, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZArticleOpinion } from "./consultation-input";
import { loadConsultationInScope } from "./consultation-scope";
import { assertArticleOf } from "./record-offline-comment";

/** 联系点意见: what the contact point makes of the comments on one article (blank clears it). */
export async function saveArticleOpinion(tx: TenantTx, ctx: UseCaseContext, consultationId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId });
  const consultation = await loadConsultationInScope(tx, ctx.actor, consultationId);
  const { articleId, opinion } = parseInput(ZArticleOpinion, input);
  await assertArticleOf(tx, consultation.id, articleId);
  await tx
    .update(consultationArticles)
    .set({ opinion })
    .where(and(eq(consultationArticles.tenantId, tx.tenantId), eq(consultationArticles.id, articleId)));
  await recordAudit(tx, ctx, {
    action: "consultation.opinion_saved",
    objectType: "consultation",
    objectId: consultation.id,
    detail: { articleId },
  });
}
