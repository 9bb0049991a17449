import { assertCan } from "@rdlink/auth";
import { stationReviewItems, stationReviewStations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput } from "../shared/errors";
import { itemScore } from "./review-figures";
import { ZMarkRectification } from "./review-input";
import { reviewOf } from "./review-of";

/** 整改: after closing, every station whose total is below the threshold and not named 示范站 must rectify by a date. */
export async function markRectification(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const review = await reviewOf(tx, ctx, reviewId);
  if (review.status !== "closed") throw new ConflictError("stationReviews.errors.notClosed");
  const { threshold, rectifyBy } = parseInput(ZMarkRectification, input);
  const rows = await tx
    .select()
    .from(stationReviewItems)
    .where(and(eq(stationReviewItems.tenantId, tx.tenantId), eq(stationReviewItems.reviewId, review.id)));
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.stationId, (totals.get(row.stationId) ?? 0) + (itemScore(row) ?? 0));
  const below = [...totals].filter(([, total]) => total < threshold).map(([stationId]) => stationId);
  if (below.length === 0) return { marked: 0 };
  const marked = await tx
    .update(stationReviewStations)
    .set({ outcome: "rectify", rectifyBy, modelLevel: null, modelYear: null, decidedAt: ctx.clock.now() })
    .where(
      and(
        eq(stationReviewStations.tenantId, tx.tenantId),
        eq(stationReviewStations.reviewId, review.id),
        inArray(stationReviewStations.stationId, below),
        or(isNull(stationReviewStations.outcome), eq(stationReviewStations.outcome, "rectify")),
      ),
    )
    .returning({ id: stationReviewStations.id });
  await recordAudit(tx, ctx, {
    action: "stationReview.rectification_marked",
    objectType: "stationReview",
    objectId: review.id,
    detail: { threshold, rectifyBy, stations: marked.length },
  });
  return { marked: marked.length };
}
