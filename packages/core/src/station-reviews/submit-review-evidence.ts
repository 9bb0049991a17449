import { assertCan } from "@rdlink/auth";
import { stationChecklistItems, stationReviewItems, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZSubmitEvidence } from "./review-input";
import { openReviewOf, reviewStationOf } from "./review-of";

/**
 * 提交材料: the township submits a station's evidence for the review. For the standard's items it is
 * a copy of what the station recorded (达标情况, note, photos), frozen as submitted; for a 五大功能
 * item, the note typed here. Without an item: every standard item the station has recorded.
 */
export async function submitReviewEvidence(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown) {
  const review = await openReviewOf(tx, ctx, reviewId);
  const { stationId, item, note } = parseInput(ZSubmitEvidence, input);
  const station = await reviewStationOf(tx, ctx, review.id, stationId);
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: station.townshipId });
  const recorded = await tx
    .select()
    .from(stationChecklistItems)
    .where(and(eq(stationChecklistItems.tenantId, tx.tenantId), eq(stationChecklistItems.stationId, stationId)));
  const targets = item
    ? review.items.filter((i) => i.name === item)
    : review.items.filter((i) => i.kind === "standard");
  if (item && targets.length === 0) throw new ValidationError({ item: "validation.invalidReference" });
  const now = ctx.clock.now();
  let submitted = 0;
  for (const target of targets) {
    let evidence: { met: "yes" | "no" | "partly" | null; note: string | null; photoIds: string[] };
    if (target.kind === "function") {
      if (!note) throw new ValidationError({ note: "stationReviews.errors.noteRequired" });
      evidence = { met: null, note, photoIds: [] };
    } else {
      const record = recorded.find((r) => r.item === target.name);
      if (!record) {
        if (item) throw new ConflictError("stationReviews.errors.nothingRecorded", undefined, { item });
        continue;
      }
      evidence = { met: record.met, note: record.note, photoIds: record.photoIds };
    }
    await tx
      .update(stationReviewItems)
      .set({ ...evidence, submittedAt: now, submittedBy: ctx.actor.userId, returnedReason: null, returnedAt: null })
      .where(
        and(
          eq(stationReviewItems.tenantId, tx.tenantId),
          eq(stationReviewItems.reviewId, review.id),
          eq(stationReviewItems.stationId, stationId),
          eq(stationReviewItems.item, target.name),
        ),
      );
    submitted++;
  }
  if (submitted === 0) throw new ConflictError("stationReviews.errors.nothingToSubmit");
  await recordAudit(tx, ctx, {
    action: "stationReview.evidence_submitted",
    objectType: "stationReview",
    objectId: review.id,
    detail: { stationId, items: submitted },
  });
  return { submitted };
}
