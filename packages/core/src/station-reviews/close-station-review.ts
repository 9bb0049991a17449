import { assertCan } from "@rdlink/auth";
import { stationReviewItems, stationReviews, type TenantTx } from "@rdlink/db";
import { and, count, eq, isNull, or } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { openReviewOf } from "./review-of";

/** 结束评审: refused while any item lacks either reviewer's score (saying how many); then scores are final. */
export async function closeStationReview(tx: TenantTx, ctx: UseCaseContext, reviewId: string) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const review = await openReviewOf(tx, ctx, reviewId);
  const [unscored] = await tx
    .select({ n: count() })
    .from(stationReviewItems)
    .where(
      and(
        eq(stationReviewItems.tenantId, tx.tenantId),
        eq(stationReviewItems.reviewId, review.id),
        or(isNull(stationReviewItems.scoreA), isNull(stationReviewItems.scoreB)),
      ),
    );
  const n = Number(unscored?.n ?? 0);
  if (n > 0) throw new ConflictError("stationReviews.errors.unscored", undefined, { count: String(n) });
  await tx
    .update(stationReviews)
    .set({ status: "closed", closedAt: ctx.clock.now() })
    .where(and(eq(stationReviews.tenantId, tx.tenantId), eq(stationReviews.id, review.id)));
  await recordAudit(tx, ctx, { action: "stationReview.closed", objectType: "stationReview", objectId: review.id });
}
