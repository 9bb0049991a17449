import { stationReviewItems, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZReviewStation } from "./review-input";
import { openReviewOf, reviewerSlot, reviewStationOf } from "./review-of";

/** The form field of the review's i-th item. */
export const scoreField = (index: number) => `s${index}`;

/**
 * 评分: one of the two reviewers scores a station's items (field `s<i>` for the review's i-th item;
 * blank leaves it as it was). Every score must lie within 0 and the item's full marks, in steps of
 * 0.5; one outside refuses the whole form and nothing is written.
 */
export async function scoreReviewStation(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown) {
  const review = await openReviewOf(tx, ctx, reviewId);
  const slot = reviewerSlot(review, ctx.actor.userId);
  const { stationId } = parseInput(ZReviewStation, input);
  await reviewStationOf(tx, ctx, review.id, stationId);
  const values = (input ?? {}) as Record<string, unknown>;
  const scores: { item: string; score: number }[] = [];
  review.items.forEach((item, index) => {
    const raw = values[scoreField(index)];
    if (raw === undefined || raw === null || String(raw).trim() === "") return;
    const score = Number(String(raw).trim());
    if (!Number.isFinite(score)) throw new ValidationError({ [scoreField(index)]: "validation.notANumber" });
    if (score < 0 || score > item.maxScore || !Number.isInteger(score * 2))
      throw new ConflictError("stationReviews.errors.scoreOutOfRange", scoreField(index), {
        item: item.name,
        max: String(item.maxScore),
      });
    scores.push({ item: item.name, score });
  });
  if (scores.length === 0) throw new ValidationError({}, "stationReviews.errors.noScores");
  for (const { item, score } of scores)
    await tx
      .update(stationReviewItems)
      .set(slot === "A" ? { scoreA: score } : { scoreB: score })
      .where(
        and(
          eq(stationReviewItems.tenantId, tx.tenantId),
          eq(stationReviewItems.reviewId, review.id),
          eq(stationReviewItems.stationId, stationId),
          eq(stationReviewItems.item, item),
        ),
      );
  await recordAudit(tx, ctx, {
    action: "stationReview.scored",
    objectType: "stationReview",
    objectId: review.id,
    detail: { stationId, reviewer: slot, items: scores.length },
  });
  return { scored: scores.length };
}
