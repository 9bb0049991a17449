import { can } from "@rdlink/auth";
import { stationReviewItems, stationReviewStations, stations, type TenantTx, townships, users } from "@rdlink/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { itemScore, reviewFigures } from "./review-figures";
import { reviewOf } from "./review-of";

/**
 * A review as its page shows it: the stations the actor may see (the county all, an operator those
 * of their townships) with every item's evidence and scores, the actor's part (reviewer A/B, the
 * county's admin) and the figures.
 */
export async function getStationReview(tx: TenantTx, ctx: UseCaseContext, reviewId: string) {
  const review = await reviewOf(tx, ctx, reviewId);
  const stationRows = (
    await tx
      .select({
        stationId: stationReviewStations.stationId,
        townshipId: stationReviewStations.townshipId,
        name: stations.name,
        township: townships.name,
        outcome: stationReviewStations.outcome,
        modelLevel: stationReviewStations.modelLevel,
        modelYear: stationReviewStations.modelYear,
        rectifyBy: stationReviewStations.rectifyBy,
      })
      .from(stationReviewStations)
      .innerJoin(
        stations,
        and(eq(stations.tenantId, stationReviewStations.tenantId), eq(stations.id, stationReviewStations.stationId)),
      )
      .innerJoin(
        townships,
        and(eq(townships.tenantId, stationReviewStations.tenantId), eq(townships.id, stationReviewStations.townshipId)),
      )
      .where(and(eq(stationReviewStations.tenantId, tx.tenantId), eq(stationReviewStations.reviewId, review.id)))
      .orderBy(asc(townships.name), asc(stations.name))
  ).filter((s) => can(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId, townshipId: s.townshipId }));
  const visible = stationRows.map((s) => s.stationId);
  const itemRows =
    visible.length === 0
      ? []
      : await tx
          .select()
          .from(stationReviewItems)
          .where(
            and(
              eq(stationReviewItems.tenantId, tx.tenantId),
              eq(stationReviewItems.reviewId, review.id),
              inArray(stationReviewItems.stationId, visible),
            ),
          );
  const figures = reviewFigures(review.items, stationRows, itemRows);
  const reviewers = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [review.reviewerAId, review.reviewerBId]));
  const nameOf = (id: string) => reviewers.find((r) => r.id === id)?.name ?? "";
  const me = ctx.actor.userId;
  const unscored = itemRows.filter((r) => itemScore(r) === null).length;
  const rowOf = new Map(itemRows.map((r) => [`${r.stationId} ${r.item}`, r]));
  const townshipName = new Map(stationRows.map((s) => [s.townshipId, s.township]));
  return {
    review: {
      id: review.id,
      year: review.year,
      title: review.title,
      standardName: review.standardName,
      status: review.status,
      items: review.items,
      reviewerA: nameOf(review.reviewerAId),
      reviewerB: nameOf(review.reviewerBId),
    },
    role: {
      reviewer: review.reviewerAId === me ? ("A" as const) : review.reviewerBId === me ? ("B" as const) : null,
      county: can(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId }),
    },
    stations: stationRows.map((s) => ({
      ...s,
      total: figures.totals.get(s.stationId) ?? null,
      items: review.items.map((item) => {
        const row = rowOf.get(`${s.stationId} ${item.name}`);
        return {
          name: item.name,
          met: row?.met ?? null,
          note: row?.note ?? null,
          photoIds: row?.photoIds ?? [],
          submitted: Boolean(row?.submittedAt),
          returnedReason: row?.returnedReason ?? null,
          scoreA: row?.scoreA ?? null,
          scoreB: row?.scoreB ?? null,
          score: row ? itemScore(row) : null,
        };
      }),
    })),
    figures: {
      perLevel: figures.perLevel,
      compliance: figures.compliance,
      byTownship: figures.byTownship.map((row) => ({
        ...row,
        township: townshipName.get(row.townshipId) ?? "",
      })),
      unscored,
    },
  };
}
