import { checklists, notifications, stationReviewItems, stationReviews } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { ConflictError } from "../shared/errors";
import { recordChecklistItem } from "../stations/record-checklist-item";
import { failure, stationTestCounty } from "../stations/station-test-county";
import { memberOf, signedInMemberOf } from "../testing/actors";
import { inviteUser } from "../users/invite-user";
import { closeStationReview } from "./close-station-review";
import { getStationReview } from "./get-station-review";
import { markRectification } from "./mark-rectification";
import { nameModelStations } from "./name-model-stations";
import { openStationReview } from "./open-station-review";
import { returnReviewItem } from "./return-review-item";
import { scoreField, scoreReviewStation } from "./score-review-station";
import { stationTitles } from "./station-titles";
import { submitReviewEvidence } from "./submit-review-evidence";

describe.each(testDrivers())("station reviews on %s", (driver) => {
  const county = stationTestCounty(driver);
  const { inCounty, newStation } = county;
  let tenantId: string;
  let jinling: string;
  let shuangding: string;
  let otherLiaisonId: string;
  let t: Awaited<ReturnType<typeof county.setUp>>["t"];
  beforeAll(async () => {
    ({ t, tenantId, jinling, shuangding, otherLiaisonId } = await county.setUp());
  });
  afterAll(() => county.drop());

  it("opens a review, takes evidence, two scores per item, closes only when all is scored, names 示范站", async () => {
    const stationIds = [
      (await newStation("评审一站")).id,
      (await newStation("评审二站")).id,
      (await newStation("评审三站", { townshipId: shuangding, liaisonUserIds: [otherLiaisonId] })).id,
      (await newStation("评审四站", { townshipId: shuangding, liaisonUserIds: [otherLiaisonId] })).id,
    ];
    const [tenItems] = await inCounty((tx) => tx.select().from(checklists).where(eq(checklists.name, "十有")));
    const reviewerA = await signedInMemberOf(t.db, tenantId, "county_admin", "评审人甲");
    const reviewerB = await signedInMemberOf(t.db, tenantId, "county_admin", "评审人乙");
    const as = (actor: typeof reviewerA) => ({ actor, ip: null, clock: systemClock });
    const { userId: operatorId } = await inCounty((tx) =>
      inviteUser(tx, as(reviewerA), {
        username: "jl-operator",
        displayName: "金陵镇人大主席团",
        role: "township_operator",
        townshipIds: [jinling],
      }),
    );
    const chief = as(await signedInMemberOf(t.db, tenantId, "county_admin", "县人大管理员"));
    const operator = as({ ...memberOf(tenantId, "township_operator", [jinling]), userId: operatorId });
    await inCounty((tx) =>
      recordChecklistItem(tx, operator, { stationId: stationIds[0], item: "有场所", met: "yes", note: "80平方米" }),
    );

    const { id: reviewId } = await inCounty((tx) =>
      openStationReview(tx, chief, {
        year: "2026",
        title: "人大代表履职平台示范建设评审",
        checklistId: tenItems!.id,
        itemMaxScore: "10",
        functionMaxScore: "10",
        townshipIds: [jinling, shuangding],
        reviewerIds: [reviewerA.userId, reviewerB.userId],
      }),
    );
    let page = await inCounty((tx) => getStationReview(tx, chief, reviewId));
    const items = page.review.items;
    expect(items).toHaveLength(tenItems!.items.length + 5);
    expect(page.stations.map((s) => s.name).sort()).toEqual(["评审一站", "评审三站", "评审二站", "评审四站"].sort());

    // The township submits its recorded evidence: a copy, which later edits do not change.
    await inCounty((tx) => submitReviewEvidence(tx, operator, reviewId, { stationId: stationIds[0] }));
    await inCounty((tx) =>
      submitReviewEvidence(tx, operator, reviewId, { stationId: stationIds[0], item: "宣传站", note: "每月宣讲" }),
    );
    await inCounty((tx) =>
      recordChecklistItem(tx, operator, { stationId: stationIds[0], item: "有场所", met: "partly", note: "改了" }),
    );
    // The operator of 金陵镇 does not see 双定镇's stations in it.
    const seen = await inCounty((tx) => getStationReview(tx, operator, reviewId));
    expect(seen.stations).toHaveLength(2);
    expect(seen.figures.compliance[0]).toMatchObject({ stations: 2 });
    expect(seen.figures.byTownship.map((t) => t.township)).toEqual(["金陵镇"]);
    expect(
      await failure(inCounty((tx) => submitReviewEvidence(tx, operator, reviewId, { stationId: stationIds[2] }))),
    ).toMatchObject({ status: 404 });
    page = await inCounty((tx) => getStationReview(tx, chief, reviewId));
    const first = page.stations.find((s) => s.stationId === stationIds[0])!;
    expect(first.items.find((i) => i.name === "有场所")).toMatchObject({
      met: "yes",
      note: "80平方米",
      submitted: true,
    });
    expect(first.items.find((i) => i.name === "宣传站")).toMatchObject({ note: "每月宣讲", submitted: true });

    // A score outside the item's range refuses the whole form: nothing written.
    const outOfRange = await failure(
      inCounty((tx) =>
        scoreReviewStation(tx, as(reviewerA), reviewId, {
          stationId: stationIds[0],
          [scoreField(0)]: "8",
          [scoreField(1)]: "11",
        }),
      ),
    );
    expect(outOfRange).toBeInstanceOf(ConflictError);
    expect(outOfRange).toMatchObject({ message: "stationReviews.errors.scoreOutOfRange", values: { max: "10" } });
    const scored = await inCounty((tx) => tx.select().from(stationReviewItems));
    expect(scored.filter((r) => r.scoreA !== null || r.scoreB !== null)).toHaveLength(0);
    // Only the two reviewers score.
    expect(
      await failure(inCounty((tx) => scoreReviewStation(tx, chief, reviewId, { stationId: stationIds[0], s0: "5" }))),
    ).toMatchObject({ message: "stationReviews.errors.notReviewer" });

    // Returning an item rings the township operator's bell.
    await inCounty((tx) =>
      returnReviewItem(tx, as(reviewerB), reviewId, { stationId: stationIds[0], item: "有场所", reason: "缺少照片" }),
    );
    const bells = await inCounty((tx) => tx.select().from(notifications).where(eq(notifications.userId, operatorId)));
    expect(bells).toEqual([
      expect.objectContaining({
        template: "stationReview.itemReturned",
        params: { review: "人大代表履职平台示范建设评审", station: "评审一站", item: "有场所", reason: "缺少照片" },
      }),
    ]);
    page = await inCounty((tx) => getStationReview(tx, chief, reviewId));
    expect(page.stations.find((s) => s.stationId === stationIds[0])!.items[0]).toMatchObject({
      submitted: false,
      returnedReason: "缺少照片",
    });

    // Scores: stations 1–2 full marks; station 3 full on the standard, 0 on the functions; station 4 4 and 6 (5).
    const scoreOf = (station: number, index: number, reviewer: "A" | "B") => {
      if (station < 2) return 10;
      if (station === 2) return items[index]!.kind === "standard" ? 10 : 0;
      return reviewer === "A" ? 4 : 6;
    };
    const scoreAll = (reviewer: "A" | "B", upTo = stationIds.length) =>
      Promise.all(
        stationIds
          .slice(0, upTo)
          .map((stationId, station) =>
            inCounty((tx) =>
              scoreReviewStation(
                tx,
                as(reviewer === "A" ? reviewerA : reviewerB),
                reviewId,
                Object.fromEntries([
                  ["stationId", stationId],
                  ...items.map((_, index) => [scoreField(index), String(scoreOf(station, index, reviewer))]),
                ]),
              ),
            ),
          ),
      );
    await scoreAll("A");
    await scoreAll("B", 3);
    const before = await inCounty((tx) => tx.select().from(stationReviewItems));
    const closing = await failure(inCounty((tx) => closeStationReview(tx, chief, reviewId)));
    expect(closing).toMatchObject({
      message: "stationReviews.errors.unscored",
      values: { count: String(items.length) },
    });
    const [stillOpen] = await inCounty((tx) => tx.select().from(stationReviews));
    expect(stillOpen!.status).toBe("open");
    expect(await inCounty((tx) => tx.select().from(stationReviewItems))).toEqual(before);
    // Naming before closing is refused.
    expect(
      await failure(
        inCounty((tx) =>
          nameModelStations(tx, chief, reviewId, { stationIds: [stationIds[0]], level: "county", year: "2026" }),
        ),
      ),
    ).toMatchObject({ message: "stationReviews.errors.notClosed" });

    await scoreAll("B");
    await inCounty((tx) => closeStationReview(tx, chief, reviewId));
    await inCounty((tx) =>
      nameModelStations(tx, chief, reviewId, {
        stationIds: [stationIds[0], stationIds[1]],
        level: "county",
        year: "2026",
      }),
    );
    const rectify = await inCounty((tx) =>
      markRectification(tx, chief, reviewId, { threshold: "90", rectifyBy: "2026-12-31" }),
    );
    expect(rectify).toEqual({ marked: 1 });

    // Figures equal the hand counts.
    page = await inCounty((tx) => getStationReview(tx, chief, reviewId));
    expect(page.figures.perLevel).toEqual({ county: 2, city: 0, province: 0, rectify: 1 });
    for (const row of page.figures.compliance)
      expect(row).toMatchObject({ met: row.kind === "standard" ? 3 : 2, stations: 4 });
    const standardCount = tenItems!.items.length;
    expect(page.stations.map((s) => [s.name, s.total])).toEqual(
      expect.arrayContaining([
        ["评审一站", 10 * items.length],
        ["评审三站", 10 * standardCount],
        ["评审四站", 5 * items.length],
      ]),
    );
    const jl = page.figures.byTownship.find((r) => r.township === "金陵镇")!;
    expect(jl).toMatchObject({ stations: 2, models: 2, rectify: 0, compliance: 1 });
    const sd = page.figures.byTownship.find((r) => r.township === "双定镇")!;
    expect(sd.compliance).toBeCloseTo(standardCount / (2 * items.length));
    expect(page.stations.find((s) => s.name === "评审四站")).toMatchObject({
      outcome: "rectify",
      rectifyBy: "2026-12-31",
    });

    // The stations a page at a time, or one township's; the candidates by total, most first.
    const second = await inCounty((tx) => getStationReview(tx, chief, reviewId, { page: 2, pageSize: 3 }));
    expect([second.paging.total, second.stations.length]).toEqual([4, 1]);
    const shuangdingOnly = await inCounty((tx) => getStationReview(tx, chief, reviewId, { townshipId: shuangding }));
    expect([shuangdingOnly.paging.total, shuangdingOnly.stations.map((s) => s.name).sort()]).toEqual([
      2,
      ["评审三站", "评审四站"].sort(),
    ]);
    expect(second.figures).toEqual(page.figures);
    expect(page.candidates.map((c) => [c.total, c.outcome])).toEqual([
      [10 * items.length, "model"],
      [10 * items.length, "model"],
      [10 * standardCount, null],
      [5 * items.length, "rectify"],
    ]);

    expect(await inCounty((tx) => stationTitles(tx, stationIds[0]!))).toEqual([{ level: "county", year: 2026 }]);
    expect(await inCounty((tx) => stationTitles(tx, stationIds[3]!))).toEqual([]);
    expect(
      await failure(
        inCounty((tx) => scoreReviewStation(tx, as(reviewerA), reviewId, { stationId: stationIds[0], s0: "1" })),
      ),
    ).toMatchObject({ message: "stationReviews.errors.closed" });
  });
});
