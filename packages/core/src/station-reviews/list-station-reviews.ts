import { assertCan } from "@rdlink/auth";
import { stationReviewStations, stationReviews, type TenantTx } from "@rdlink/db";
import { and, count, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's reviews, newest year first, with how many stations each has and how many were named. */
export async function listStationReviews(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const reviews = await tx
    .select()
    .from(stationReviews)
    .where(eq(stationReviews.tenantId, tx.tenantId))
    .orderBy(desc(stationReviews.year), desc(stationReviews.createdAt));
  const counts = await tx
    .select({ reviewId: stationReviewStations.reviewId, outcome: stationReviewStations.outcome, n: count() })
    .from(stationReviewStations)
    .where(and(eq(stationReviewStations.tenantId, tx.tenantId)))
    .groupBy(stationReviewStations.reviewId, stationReviewStations.outcome);
  const sum = (reviewId: string, outcome?: string) =>
    counts
      .filter((c) => c.reviewId === reviewId && (outcome === undefined || c.outcome === outcome))
      .reduce((s, c) => s + Number(c.n), 0);
  return reviews.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    standardName: r.standardName,
    status: r.status,
    stations: sum(r.id),
    models: sum(r.id, "model"),
  }));
}
