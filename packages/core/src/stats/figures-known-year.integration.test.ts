import type { Actor } from "@rdlink/auth";
import { workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordActivity } from "../activities/record-activity";
import { actOnCase } from "../cases/act-on-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerCase } from "../cases/register-case";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { memberOf, realMemberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { getCountyFigures } from "./get-county-figures";

/**
 * A county's 2026, made of what staff really do (no rows written behind the use cases'
 * backs), and its dashboard against sums counted by hand from that list.
 */
describe.each(testDrivers())("the dashboard of a known year on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let admin: Actor;
  let liaison: Actor;
  const clock = new ManualClock(new Date("2026-03-16T02:00:00Z"));
  const ctx = (actor: Actor) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "Y2026K")));
    liaison = await realMemberOf(t.db, tenantId, "station_liaison", [townshipId]);
  });
  afterAll(() => t.drop());

  it("counts 2026 exactly as counted by hand, nothing twice", async () => {
    const operator = memberOf(tenantId, "township_operator", [townshipId]);
    const step = async (actor: Actor, caseId: string, event: string, expectedSeq: number, data = {}) =>
      inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq }));
    // Five opinions at the station.
    const opinions: string[] = [];
    for (const content of [
      "村口路灯不亮三个月",
      "村口路灯损坏无人修",
      "小区垃圾清运不及时",
      "镇区道路坑洼积水",
      "公交班次太少不便出行",
    ]) {
      const input = { stationId, content, category: "urbanConstruction", channel: "reception" };
      opinions.push(
        (
          await inCounty((tx) =>
            registerOpinion(tx, ctx(liaison), input, [], new StagedFiles("/tmp/rdlink-test-files")),
          )
        ).caseId,
      );
    }
    // Two of them merged into one suggestion: received once each, the suggestion not again.
    for (const caseId of opinions.slice(0, 2)) {
      await step(liaison, caseId, "SUBMIT_REVIEW", 1, { summary: "路灯" });
      await step(liaison, caseId, "ESCALATE", 2, { issueScope: "common" });
    }
    await inCounty((tx) =>
      mergeIntoSuggestion(tx, ctx(operator), { caseIds: opinions.slice(0, 2), content: "建议统一更换路灯" }),
    );
    // One answered directly and rated 满意: closed.
    await step(liaison, opinions[2]!, "SUBMIT_REVIEW", 1, { summary: "垃圾清运" });
    await step(liaison, opinions[2]!, "ANSWER_DIRECTLY", 2, { issueScope: "individual" });
    await step(liaison, opinions[2]!, "RATE", 3, { satisfaction: "satisfied" });

    // Three disputes: two settled (written to the ledger by their step), one not.
    const [mediation] = await inCounty((tx) =>
      tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.key, "disputeMediation")),
    );
    for (const outcome of ["agreement", "agreement", "noAgreement"]) {
      const { caseId } = await inCounty((tx) =>
        registerCase(tx, ctx(liaison), {
          workflowId: mediation!.id,
          townshipId,
          stationId,
          channel: "visit",
          data: { parties: "甲与乙", disputeSummary: "邻里纠纷" },
        }),
      );
      await step(liaison, caseId, "START_MEDIATION", 1, { parties: "甲与乙", disputeSummary: "邻里纠纷" });
      await step(liaison, caseId, "CONCLUDE", 2, { outcome });
    }

    // What no case records, kept by hand: a reception day and a mediation done on the spot.
    for (const entry of [
      { kind: "reception", peopleReceived: 23, disputesMediated: 0, summary: "三月接待日" },
      { kind: "mediation", peopleReceived: 2, disputesMediated: 1, summary: "现场调解停车纠纷" },
    ]) {
      await inCounty((tx) =>
        recordActivity(tx, ctx(liaison), { ...entry, stationId, day: "2026-03-16", jobsArranged: 0 }),
      );
    }

    const figures = await inCounty((tx) =>
      getCountyFigures(tx, ctx(admin), { from: "2026-01-01", to: "2026-12-31" }, clock.now()),
    );
    // By hand: 意见建议 received 5 (the merged suggestion is not received again); closed 1
    // (the rated opinion); open 3 (two opinions at the station, the suggestion); rated 1 满意.
    expect(figures.total).toMatchObject({
      received: 5,
      closed: 1,
      open: 3,
      satisfied: 1,
      rated: 1,
      satisfactionRate: 1,
      // 调解: two settled by cases + one by hand; 接待: 23 + 2 by hand.
      disputesMediated: 3,
      peopleReceived: 25,
      jobsArranged: 0,
    });
    expect(figures.processes).toEqual([
      { kind: "opinion", received: 5, open: 2, closed: 1 },
      { kind: "suggestion", received: 1, open: 1, closed: 0 },
      { kind: "mediation", received: 3, open: 3, closed: 0 },
    ]);
    const station = figures.stations.find((s) => s.stationId === stationId)!;
    expect(station).toMatchObject({ received: 5, disputesMediated: 3, peopleReceived: 25 });
    expect(figures.months.find((m) => m.month === "2026-03")).toEqual({
      month: "2026-03",
      received: 5,
      closed: 1,
      peopleReceived: 25,
    });
  });
});
