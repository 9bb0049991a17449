import { can, stationScope } from "@rdlink/auth";
import { stationReviewItems, stationReviewStations, stations, type TenantTx, townships, users } from "@rdlink/db";
import { and, asc, desc, eq, inArray, isNotNull, sql, sum } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";
import { inTownshipScope } from "../shared/scope";
import { countReviewFigures, itemScore, itemScoreSql } from "./review-figures";
import { reviewOf } from "./review-of";

const ZReviewPage = z.object({
  townshipId: z.uuid().optional().catch(undefined),
  page: ZPaging.page,
  /** Each station shows every item with its evidence and scores: twenty fill a screen or three. */
  pageSize: z.coerce.number().int().min(1).max(100).default(20).catch(20),
});

/** The 示范站 candidates the county picks from: the stations with the highest totals. */
const CANDIDATES = 50;

/**
 * A review as its page shows it: the figures over the stations the actor may see (the county all,
 * an operator those of their townships), those stations a page at a time (one township's, if
 * asked) with every item's evidence and scores, the actor's part (reviewer A/B, the county's
 * admin) and, once closed, the county's 示范站 candidates.
 */
export async function getStationReview(tx: TenantTx, ctx: UseCaseContext, reviewId: string, input: unknown = {}) {
  const review = await reviewOf(tx, ctx, reviewId);
  const { townshipId, page, pageSize } = parseInput(ZReviewPage, input);
  const inScope = inTownshipScope(stationReviewStations.townshipId, stationScope(ctx.actor));
  const county = can(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const inReview = and(
    eq(stationReviewStations.tenantId, tx.tenantId),
    eq(stationReviewStations.reviewId, review.id),
    inScope,
  );
  const [figures, stationRows, candidates, reviewers, townshipNames] = await Promise.all([
    countReviewFigures(tx, review, inScope),
    tx
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
      .where(and(inReview, townshipId ? eq(stationReviewStations.townshipId, townshipId) : undefined))
      .orderBy(asc(townships.name), asc(stations.name), asc(stationReviewStations.stationId))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    county && review.status === "closed" ? topStations(tx, review.id) : [],
    tx
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, [review.reviewerAId, review.reviewerBId])),
    tx.select({ id: townships.id, name: townships.name }).from(townships).where(eq(townships.tenantId, tx.tenantId)),
  ]);
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
  const nameOf = (id: string) => reviewers.find((r) => r.id === id)?.name ?? "";
  const me = ctx.actor.userId;
  const rowOf = new Map(itemRows.map((r) => [`${r.stationId} ${r.item}`, r]));
  const totalOf = (stationId: string) => {
    const scores = review.items
      .map((item) => rowOf.get(`${stationId} ${item.name}`))
      .map((row) => (row ? itemScore(row) : null))
      .filter((score) => score !== null);
    return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0);
  };
  const townshipName = new Map(townshipNames.map((t) => [t.id, t.name]));
  const byTownship = figures.byTownship
    .map((row) => ({ ...row, township: townshipName.get(row.townshipId) ?? "" }))
    .sort((a, b) => a.township.localeCompare(b.township, "zh-CN"));
  const listed = townshipId ? (byTownship.find((t) => t.townshipId === townshipId)?.stations ?? 0) : figures.stations;
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
      county,
    },
    stations: stationRows.map((s) => ({
      ...s,
      total: totalOf(s.stationId),
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
    paging: { townshipId: townshipId ?? null, page, pageSize, total: listed },
    candidates,
    figures: {
      perLevel: figures.perLevel,
      compliance: figures.compliance,
      byTownship,
      unscored: figures.unscored,
    },
  };
}

/** The stations of the review with the highest totals, most first, with their outcome so far. */
function topStations(tx: TenantTx, reviewId: string) {
  const total = sum(itemScoreSql).mapWith(Number);
  return tx
    .select({
      stationId: stationReviewItems.stationId,
      name: stations.name,
      total,
      outcome: sql<string | null>`min(${stationReviewStations.outcome})`,
    })
    .from(stationReviewItems)
    .innerJoin(
      stations,
      and(eq(stations.tenantId, stationReviewItems.tenantId), eq(stations.id, stationReviewItems.stationId)),
    )
    .innerJoin(
      stationReviewStations,
      and(
        eq(stationReviewStations.tenantId, stationReviewItems.tenantId),
        eq(stationReviewStations.reviewId, stationReviewItems.reviewId),
        eq(stationReviewStations.stationId, stationReviewItems.stationId),
      ),
    )
    .where(
      and(
        eq(stationReviewItems.tenantId, tx.tenantId),
        eq(stationReviewItems.reviewId, reviewId),
        isNotNull(stationReviewItems.scoreA),
        isNotNull(stationReviewItems.scoreB),
      ),
    )
    .groupBy(stationReviewItems.stationId, stations.name)
    .orderBy(desc(total), asc(stations.name))
    .limit(CANDIDATES);
}
