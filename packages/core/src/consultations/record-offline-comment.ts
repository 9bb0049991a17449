import { assertCan } from "@rdlink/auth";
import { consultationArticles, consultationComments, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZOfflineComment } from "./consultation-input";
import { loadConsultationInScope } from "./consultation-scope";

/**
 * A comment gathered offline — at a 小板凳 tea talk, a meeting, in a WeChat group — entered by
 * the contact point with how many people voiced it. Staff may enter these after the public
 * window closed: the talks happened before it.
 */
export async function recordOfflineComment(tx: TenantTx, ctx: UseCaseContext, consultationId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId });
  const consultation = await loadConsultationInScope(tx, ctx.actor, consultationId);
  const comment = parseInput(ZOfflineComment, input);
  if (comment.articleId) await assertArticleOf(tx, consultation.id, comment.articleId);
  const [row] = await tx
    .insert(consultationComments)
    .values({
      consultationId: consultation.id,
      articleId: comment.articleId,
      content: comment.content,
      channel: comment.channel as (typeof consultationComments.$inferInsert)["channel"],
      peopleCount: comment.peopleCount,
      enteredBy: ctx.actor.userId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: consultationComments.id });
  await recordAudit(tx, ctx, {
    action: "consultation.comments_entered",
    objectType: "consultation",
    objectId: consultation.id,
    detail: { channel: comment.channel, peopleCount: comment.peopleCount },
  });
  return row!;
}

export async function assertArticleOf(tx: TenantTx, consultationId: string, articleId: string) {
  const [article] = await tx
    .select({ id: consultationArticles.id })
    .from(consultationArticles)
    .where(
      and(
        eq(consultationArticles.tenantId, tx.tenantId),
        eq(consultationArticles.consultationId, consultationId),
        eq(consultationArticles.id, articleId),
      ),
    );
  if (!article) throw new ValidationError({ articleId: "validation.invalid" });
}
