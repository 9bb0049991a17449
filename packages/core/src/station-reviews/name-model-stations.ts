import { assertCan } from "@rdlink/auth";
import { stationReviewStations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZNameModelStations } from "./review-input";
import { reviewOf } from "./review-of";

/** 命名示范站: after the review closed, the county names stations 示范站 at a level, for a year. */
export async function nameModelStations(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const review = await reviewOf(tx, ctx, reviewId);
  if (review.status !== "closed") throw new ConflictError("stationReviews.errors.notClosed");
  const { stationIds, level, year } = parseInput(ZNameModelStations, input);
  const where = and(
    eq(stationReviewStations.tenantId, tx.tenantId),
    eq(stationReviewStations.reviewId, review.id),
    inArray(stationReviewStations.stationId, stationIds),
  );
  const found = await tx.select({ id: stationReviewStations.id }).from(stationReviewStations).where(where);
  if (found.length !== new Set(stationIds).size)
    throw new ValidationError({ stationIds: "validation.invalidReference" });
  await tx
    .update(stationReviewStations)
    .set({ outcome: "model", modelLevel: level, modelYear: year, rectifyBy: null, decidedAt: ctx.clock.now() })
    .where(where);
  await recordAudit(tx, ctx, {
    action: "stationReview.models_named",
    objectType: "stationReview",
    objectId: review.id,
    detail: { stations: found.length, level, year },
  });
  return { named: found.length };
}
