import type { Actor } from "@rdlink/auth";
import { caseEvents, cases, handlingUnits } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { ValidationError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { actOnCase } from "./act-on-case";
import { getCase } from "./get-case";
import { registerOpinion } from "./register-opinion";

/**
 * 交办意见 and a shorter time limit: offered on the 交办 step's form, checked (after today, not
 * after the legal deadline), kept with the step's event, shown in the timeline by their labels
 * and on the case as the date asked; refused quietly (dropped) on any other step.
 */
describe.each(testDrivers())("交办 with instructions and an asked date, on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let liaison: Actor;
  let operator: Actor;
  let unitId: string;
  let caseId: string;
  // Monday 2 March 2026, 09:00 in Asia/Shanghai.
  const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  const ctx = (actor: Actor) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const seq = async () => (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!.seq;
  const act = async (actor: Actor, event: string, data: Record<string, unknown>) => {
    const expectedSeq = await seq();
    return inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq }));
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    const { townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "ASN5T7"));
    liaison = await realMemberOf(t.db, tenantId, "station_liaison", [townshipId]);
    operator = memberOf(tenantId, "township_operator", [townshipId]);
    unitId = await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ name: "区城管局" }).returning({ id: handlingUnits.id });
      return unit!.id;
    });
    caseId = (
      await inCounty((tx) =>
        registerOpinion(
          tx,
          ctx(liaison),
          { stationId, content: "菜市场门口占道经营严重", category: "urbanConstruction", channel: "reception" },
          [],
          new StagedFiles("/tmp/rdlink-test-files"),
        ),
      )
    ).caseId;
    // A note on a step that is no 交办 is dropped.
    await act(liaison, "SUBMIT_REVIEW", { summary: "占道经营", _assignNote: "不该留下" });
    await act(liaison, "HAND_OVER", { issueScope: "individual" });
  });
  afterAll(() => t.drop());

  it("offers the instructions and the date on the 交办 form, naming the legal deadline", async () => {
    const page = await inCounty((tx) => getCase(tx, ctx(operator), caseId));
    const assign = page.actions.find((a) => a.form.some((f) => f.type === "handlingUnit"))!;
    const keys = assign.form.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["_assignNote", "_dueBy"]));
    // The longest deadline of the unit's first steps (handling, 15 working days) from Monday 2 March: Monday 23 March.
    expect(assign.form.find((f) => f.key === "_dueBy")!.help?.["zh-CN"]).toBe("可短于法定期限，不得晚于2026-03-23");
    const submitted = await inCounty((tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)));
    expect(submitted.every((e) => !("_assignNote" in (e.data as object)))).toBe(true);
  });

  it("refuses a date after the legal deadline or not after today, writing nothing", async () => {
    const before = await seq();
    for (const [dueBy, message] of [
      ["2026-03-24", "validation.dueByAfterLegal"],
      ["2026-03-02", "validation.dueByPast"],
      ["明天", "validation.invalidDate"],
    ]) {
      const refused = await act(operator, "ASSIGN", { handlingUnit: unitId, _dueBy: dueBy }).catch((e) => e);
      expect(refused, dueBy).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).fieldErrors).toEqual({ "data._dueBy": message });
    }
    expect(await seq()).toBe(before);
  });

  it("keeps both with the 交办 and shows them in the timeline and on the case", async () => {
    await act(operator, "ASSIGN", { handlingUnit: unitId, _assignNote: "请三日内现场核查", _dueBy: "2026-03-13" });
    const [event] = await inCounty((tx) =>
      tx
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, "ASSIGN"))),
    );
    expect(event!.data).toMatchObject({ handlingUnit: unitId, _assignNote: "请三日内现场核查", _dueBy: "2026-03-13" });
    const page = await inCounty((tx) => getCase(tx, ctx(operator), caseId));
    expect(page.case.askedDueBy).toBe("2026-03-13");
    const assigned = page.timeline.find((e) => e.type === "ASSIGN")!;
    expect(assigned.values.map((v) => [v.label["zh-CN"], v.value["zh-CN"]])).toEqual([
      ["承办单位", "区城管局"],
      ["交办意见", "请三日内现场核查"],
      ["要求办结日期（选填）", "2026-03-13"],
    ]);
  });
});
