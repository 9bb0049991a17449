import { type StationReviewItem, stationReviewItems, stationReviewStations, type TenantTx } from "@rdlink/db";
import { and, count, eq, type SQL, sql } from "drizzle-orm";

/** An item is met at a station when the average of its two scores reaches 60% of full marks. */
export const MET_SHARE = 0.6;

/** A station's item score: the two reviewers' average; null until both have scored (decision 0029). */
export const itemScore = (row: { scoreA: number | null; scoreB: number | null }) =>
  row.scoreA === null || row.scoreB === null ? null : (row.scoreA + row.scoreB) / 2;

/** The same in SQL: null until both have scored. */
export const itemScoreSql = sql<number | null>`(${stationReviewItems.scoreA} + ${stationReviewItems.scoreB}) / 2`;

/**
 * The review's figures over the stations `which` picks (a condition on `station_review_stations`:
 * the actor's townships), counted by the database — a county reviews 800 stations of 15 items:
 * stations per 示范站 level and under 整改; per item the stations meeting it; per township the
 * stations, 示范站, 整改 and the share of (station, item) pairs met; items not yet scored.
 */
export async function countReviewFigures(
  tx: TenantTx,
  review: { id: string; items: StationReviewItem[] },
  which?: SQL,
) {
  const inReview = and(
    eq(stationReviewStations.tenantId, tx.tenantId),
    eq(stationReviewStations.reviewId, review.id),
    which,
  );
  const fullMarks = sql`jsonb_to_recordset(${JSON.stringify(review.items)}::jsonb) as full_marks(name text, "maxScore" float8)`;
  const [outcomes, itemCounts] = await Promise.all([
    tx
      .select({
        townshipId: stationReviewStations.townshipId,
        outcome: stationReviewStations.outcome,
        modelLevel: stationReviewStations.modelLevel,
        stations: count(),
      })
      .from(stationReviewStations)
      .where(inReview)
      .groupBy(stationReviewStations.townshipId, stationReviewStations.outcome, stationReviewStations.modelLevel),
    tx
      .select({
        townshipId: stationReviewStations.townshipId,
        item: stationReviewItems.item,
        met: sql<number>`count(*) filter (where ${itemScoreSql} >= full_marks."maxScore" * ${MET_SHARE})`.mapWith(
          Number,
        ),
        unscored: sql<number>`count(*) filter (where ${itemScoreSql} is null)`.mapWith(Number),
      })
      .from(stationReviewItems)
      .innerJoin(
        stationReviewStations,
        and(
          eq(stationReviewStations.tenantId, stationReviewItems.tenantId),
          eq(stationReviewStations.reviewId, stationReviewItems.reviewId),
          eq(stationReviewStations.stationId, stationReviewItems.stationId),
        ),
      )
      .innerJoin(fullMarks, sql`full_marks.name = ${stationReviewItems.item}`)
      .where(and(eq(stationReviewItems.tenantId, tx.tenantId), inReview))
      .groupBy(stationReviewStations.townshipId, stationReviewItems.item),
  ]);

  const perLevel = { county: 0, city: 0, province: 0, rectify: 0 };
  const townships = new Map<
    string,
    { townshipId: string; stations: number; models: number; rectify: number; met: number }
  >();
  const townshipOf = (townshipId: string) => {
    const row = townships.get(townshipId) ?? { townshipId, stations: 0, models: 0, rectify: 0, met: 0 };
    townships.set(townshipId, row);
    return row;
  };
  for (const row of outcomes) {
    const township = townshipOf(row.townshipId);
    township.stations += row.stations;
    if (row.outcome === "model") township.models += row.stations;
    if (row.outcome === "model" && row.modelLevel) perLevel[row.modelLevel] += row.stations;
    if (row.outcome === "rectify") {
      township.rectify += row.stations;
      perLevel.rectify += row.stations;
    }
  }
  const metOf = new Map<string, number>();
  let unscored = 0;
  for (const row of itemCounts) {
    metOf.set(row.item, (metOf.get(row.item) ?? 0) + row.met);
    townshipOf(row.townshipId).met += row.met;
    unscored += row.unscored;
  }
  const stations = [...townships.values()].reduce((sum, t) => sum + t.stations, 0);
  return {
    stations,
    perLevel,
    compliance: review.items.map((item) => ({
      item: item.name,
      kind: item.kind,
      met: metOf.get(item.name) ?? 0,
      stations,
    })),
    byTownship: [...townships.values()].map(({ met, ...row }) => ({
      ...row,
      /** Share of (station, item) pairs met. */
      compliance: row.stations * review.items.length === 0 ? 0 : met / (row.stations * review.items.length),
    })),
    unscored,
  };
}
