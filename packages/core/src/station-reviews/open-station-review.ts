import { assertCan } from "@rdlink/auth";
import {
  checklists,
  memberships,
  type StationReviewItem,
  stationReviewItems,
  stationReviewStations,
  stationReviews,
  stations,
  type TenantTx,
} from "@rdlink/db";
import { and, eq, inArray, ne } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { FIVE_FUNCTIONS, ZOpenStationReview } from "./review-input";

/**
 * 开启评审: the county picks the standard, full marks, the townships (none: all) and two of its
 * admins as reviewers. Every station of those townships that is not closed joins, with one row per
 * item (the standard's, then the 五大功能) waiting for evidence and scores.
 */
export async function openStationReview(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const v = parseInput(ZOpenStationReview, input);
  const [standard] = await tx
    .select()
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), eq(checklists.id, v.checklistId)));
  if (!standard) throw new ValidationError({ checklistId: "validation.invalidReference" });
  const reviewers = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, "county_admin"),
        inArray(memberships.userId, v.reviewerIds),
      ),
    );
  if (reviewers.length !== 2) throw new ValidationError({ reviewerIds: "stationReviews.errors.reviewerNotCounty" });
  const items: StationReviewItem[] = [
    ...standard.items.map((name) => ({ name, kind: "standard" as const, maxScore: v.itemMaxScore })),
    ...FIVE_FUNCTIONS.map((name) => ({ name, kind: "function" as const, maxScore: v.functionMaxScore })),
  ];
  const inReview = await tx
    .select({ id: stations.id, townshipId: stations.townshipId })
    .from(stations)
    .where(
      and(
        eq(stations.tenantId, tx.tenantId),
        ne(stations.status, "closed"),
        v.townshipIds.length > 0 ? inArray(stations.townshipId, v.townshipIds) : undefined,
      ),
    );
  if (inReview.length === 0) throw new ValidationError({ townshipIds: "stationReviews.errors.noStations" });
  let review: { id: string } | undefined;
  try {
    [review] = await tx
      .insert(stationReviews)
      .values({
        year: v.year,
        title: v.title,
        checklistId: standard.id,
        standardName: standard.name,
        items,
        reviewerAId: v.reviewerIds[0]!,
        reviewerBId: v.reviewerIds[1]!,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: stationReviews.id });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("stationReviews.errors.titleTaken", "title");
    throw error;
  }
  const reviewId = review!.id;
  await tx
    .insert(stationReviewStations)
    .values(inReview.map((s) => ({ reviewId, stationId: s.id, townshipId: s.townshipId })));
  const rows = inReview.flatMap((s) => items.map((item) => ({ reviewId, stationId: s.id, item: item.name })));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(stationReviewItems).values(rows.slice(i, i + 500));
  await recordAudit(tx, ctx, {
    action: "stationReview.opened",
    objectType: "stationReview",
    objectId: reviewId,
    detail: { title: v.title, year: v.year, stations: inReview.length, items: items.length },
  });
  return { id: reviewId };
}
