import {
  memberships,
  membershipTownships,
  notifications,
  stationReviewItems,
  stations,
  type TenantTx,
  users,
} from "@rdlink/db";
import { and, eq, exists, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZReturnItem } from "./review-input";
import { openReviewOf, reviewerSlot, reviewStationOf } from "./review-of";

/**
 * 退回补充材料: a reviewer returns an item to the township with a reason. The submission is
 * withdrawn (the township submits again) and the township's operators hear it on their bell, in
 * this transaction.
 */
export async function returnReviewItem(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown) {
  const review = await openReviewOf(tx, ctx, reviewId);
  reviewerSlot(review, ctx.actor.userId);
  const { stationId, item, reason } = parseInput(ZReturnItem, input);
  const station = await reviewStationOf(tx, ctx, review.id, stationId);
  if (!review.items.some((i) => i.name === item)) throw new ValidationError({ item: "validation.invalidReference" });
  await tx
    .update(stationReviewItems)
    .set({ returnedReason: reason, returnedAt: ctx.clock.now(), submittedAt: null })
    .where(
      and(
        eq(stationReviewItems.tenantId, tx.tenantId),
        eq(stationReviewItems.reviewId, review.id),
        eq(stationReviewItems.stationId, stationId),
        eq(stationReviewItems.item, item),
      ),
    );
  const [named] = await tx
    .select({ name: stations.name })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
  const operators = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        isNull(users.disabledAt),
        eq(memberships.role, "township_operator"),
        exists(
          tx
            .select({ one: membershipTownships.townshipId })
            .from(membershipTownships)
            .where(
              and(
                eq(membershipTownships.tenantId, memberships.tenantId),
                eq(membershipTownships.membershipId, memberships.id),
                eq(membershipTownships.townshipId, station.townshipId),
              ),
            ),
        ),
      ),
    );
  const params = { review: review.title, station: named!.name, item, reason };
  if (operators.length > 0)
    await tx
      .insert(notifications)
      .values(operators.map(({ userId }) => ({ userId, template: "stationReview.itemReturned", params })));
  await recordAudit(tx, ctx, {
    action: "stationReview.item_returned",
    objectType: "stationReview",
    objectId: review.id,
    detail: { stationId, item, reason },
  });
}
