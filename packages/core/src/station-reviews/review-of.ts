import { assertCan, can } from "@rdlink/auth";
import { stationReviewStations, stationReviews, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/** The review a use case acts on: not found for another county's or a malformed id. */
export async function reviewOf(tx: TenantTx, ctx: UseCaseContext, reviewIdInput: unknown) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const reviewId = ZId.safeParse(reviewIdInput);
  if (!reviewId.success) throw new NotFoundError();
  const [review] = await tx
    .select()
    .from(stationReviews)
    .where(and(eq(stationReviews.tenantId, tx.tenantId), eq(stationReviews.id, reviewId.data)));
  if (!review) throw new NotFoundError();
  return review;
}

/** An open review: scoring, evidence and returns are refused once it is closed. */
export async function openReviewOf(tx: TenantTx, ctx: UseCaseContext, reviewIdInput: unknown) {
  const review = await reviewOf(tx, ctx, reviewIdInput);
  if (review.status !== "open") throw new ConflictError("stationReviews.errors.closed");
  return review;
}

/** A station in the review, seen by the actor (the county, or the operator of its township). */
export async function reviewStationOf(tx: TenantTx, ctx: UseCaseContext, reviewId: string, stationId: string) {
  const [row] = await tx
    .select()
    .from(stationReviewStations)
    .where(
      and(
        eq(stationReviewStations.tenantId, tx.tenantId),
        eq(stationReviewStations.reviewId, reviewId),
        eq(stationReviewStations.stationId, stationId),
      ),
    );
  if (!row || !can(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId, townshipId: row.townshipId }))
    throw new NotFoundError();
  return row;
}

/** Which of the review's two reviewers the actor is, or a refusal. */
export function reviewerSlot(review: { reviewerAId: string; reviewerBId: string }, userId: string): "A" | "B" {
  if (review.reviewerAId === userId) return "A";
  if (review.reviewerBId === userId) return "B";
  throw new ConflictError("stationReviews.errors.notReviewer");
}
