import type { Actor } from "@rdlink/auth";
import { caseTimers, handlingUnits } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { memberOf, realMemberOf, responderOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { runWorkerRound } from "../worker/start-worker";
import { getCase } from "./get-case";
import { registerOpinion } from "./register-opinion";

/**
 * 要求办结日期 moves the deadline: an opinion assigned on Monday 2 March 2026 has 15 working
 * days of handling from its 签收, to the end of Monday 23 March; asked to finish by Wednesday
 * 18 March (three working days earlier), its handling ends then: the timers, the 催办 rung at
 * 80 % of the shorter span, the countdown and the worker's 逾期 all follow. Without a date,
 * nothing changes.
 */
describe.each(testDrivers())("a 交办's asked date caps the unit's deadline, on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let liaison: Actor;
  let operator: Actor;
  let responder: Actor;
  let stationId: string;
  // Monday 2 March 2026, 09:00 in Asia/Shanghai.
  const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  const { ctx, inCounty, row, act } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const timers = async (caseId: string) =>
    Object.fromEntries(
      (await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)))).map((timer) => [
        timer.rungId,
        timer.dueAt.toISOString(),
      ]),
    );
  /** An opinion 交办'd now with `data` and accepted by the unit at once: in 办理. */
  const handled = async (data: Record<string, unknown>) => {
    const { caseId } = await inCounty((tx) =>
      registerOpinion(
        tx,
        ctx(liaison),
        { stationId, content: "小区路灯不亮", category: "urbanConstruction", channel: "reception" },
        [],
        new StagedFiles("/tmp/rdlink-test-files"),
      ),
    );
    await act(liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
    await act(liaison, caseId, "HAND_OVER", { issueScope: "individual" });
    await act(operator, caseId, "ASSIGN", data);
    await act(responder, caseId, "ACCEPT");
    expect(await row(caseId)).toMatchObject({ state: "handling" });
    return caseId;
  };

  let capped: string;
  let declared: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    const station = await inCounty((tx) => addTestStation(tx, "DUE5T7"));
    stationId = station.stationId;
    liaison = await realMemberOf(t.db, tenantId, "station_liaison", [station.townshipId]);
    operator = memberOf(tenantId, "township_operator", [station.townshipId]);
    const unitId = await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ name: "区城管局" }).returning({ id: handlingUnits.id });
      return unit!.id;
    });
    responder = responderOf(tenantId, unitId);
    capped = await handled({ handlingUnit: unitId, _dueBy: "2026-03-18" });
    declared = await handled({ handlingUnit: unitId });
  });
  afterAll(() => t.drop());

  it("writes the timers up to the asked date, 催办 at 80 % of the shorter span", async () => {
    // 12 working days (3–18 March): 80 % is 9.6, 14:24 on the 10th, Monday 16 March.
    expect(await timers(capped)).toEqual({ urge: "2026-03-16T06:24:00.000Z", overdue: "2026-03-18T16:00:00.000Z" });
    // As declared: 80 % of 15 working days is the end of 18 March, the limit the end of 23 March.
    expect(await timers(declared)).toEqual({ urge: "2026-03-18T16:00:00.000Z", overdue: "2026-03-23T16:00:00.000Z" });
  });

  it("counts the case's countdown down to the asked date", async () => {
    const page = await inCounty((tx) => getCase(tx, ctx(operator), capped, clock.now()));
    expect(page.case.countdown).toMatchObject({ date: "2026-03-18", time: "24:00", workingDaysLeft: 12 });
    const unchanged = await inCounty((tx) => getCase(tx, ctx(operator), declared, clock.now()));
    expect(unchanged.case.countdown).toMatchObject({ date: "2026-03-23", time: "24:00", workingDaysLeft: 15 });
  });

  it("goes under supervision when the asked date passes, the other case still being handled", async () => {
    clock.set(new Date("2026-03-18T16:00:00Z"));
    await runWorkerRound(t.db, clock.now(), { housekeeping: false });
    expect(await row(capped)).toMatchObject({ state: "supervised" });
    expect(await row(declared)).toMatchObject({ state: "handling" });
  });
});
