import { caseEvents, cases, handlingUnits, outbox } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { ValidationError } from "../shared/errors";
import { memberOf, responderOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { actOnCase } from "./act-on-case";
import { assignCases } from "./assign-cases";
import { registerOpinion } from "./register-opinion";
import { stepCases } from "./step-cases";

describe.each(testDrivers())("batch 签收 and 催办 on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let units: string[];
  const clock = new ManualClock(new Date("2026-04-07T02:00:00Z"));
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const liaison = () => ctx(memberOf(tenantId, "station_liaison", [townshipId]));
  const operator = () => ctx(memberOf(tenantId, "township_operator", [townshipId]));
  const admin = () => ctx(memberOf(tenantId, "county_admin"));
  const caseRow = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  const act = async (who: ReturnType<typeof ctx>, caseId: string, event: string, data: Record<string, unknown>) => {
    const { seq } = await caseRow(caseId);
    return inCounty((tx) => actOnCase(tx, who, { caseId, event, data, expectedSeq: seq }));
  };
  const eventCount = async () => (await inCounty((tx) => tx.select({ n: count() }).from(caseEvents)))[0]!.n;
  /** A registered opinion the station sent on to the township, at 交办. */
  const atAssignment = async (content: string) => {
    const { caseId } = await inCounty((tx) =>
      registerOpinion(
        tx,
        liaison(),
        { stationId, content, category: "transport", channel: "reception" },
        [],
        new StagedFiles("/tmp/rdlink-test-files"),
      ),
    );
    await act(liaison(), caseId, "SUBMIT_REVIEW", { summary: content });
    await act(liaison(), caseId, "HAND_OVER", { issueScope: "individual" });
    return caseId;
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107", clock)).tenantId;
    await inCounty(async (tx) => {
      ({ townshipId, stationId } = await addTestStation(tx, "B4T5C6"));
      const rows = await tx
        .insert(handlingUnits)
        .values([{ name: "区住建局" }, { name: "区交通局" }])
        .returning();
      units = rows.map((u) => u.id);
    });
  });
  afterAll(() => t.drop());

  it("accepts each case of the unit at 签收 through the runtime, and reports the others", async () => {
    const [a, b, other, notYet] = [
      await atAssignment("路灯不亮，请尽快处理"),
      await atAssignment("井盖缺失，请尽快处理"),
      await atAssignment("公交站台破损，请尽快处理"),
      await atAssignment("占道经营，请尽快处理"),
    ];
    await inCounty((tx) => assignCases(tx, operator(), { caseIds: [a, b], handlingUnit: units[0] }));
    await inCounty((tx) => assignCases(tx, operator(), { caseIds: [other], handlingUnit: units[1] }));
    const responder = ctx(responderOf(tenantId, units[0]!));
    const result = await inCounty((tx) => stepCases(tx, responder, { step: "accept", caseIds: [a, other, b, notYet] }));
    expect(result.done).toBe(2);
    expect(result.results).toEqual([
      { caseId: a, title: "路灯不亮，请尽快处理", done: true },
      // Another unit's case is out of reach: reported without its title.
      { caseId: other, title: null, done: false, reason: "work.batch.notReady.accept" },
      { caseId: b, title: "井盖缺失，请尽快处理", done: true },
      { caseId: notYet, title: null, done: false, reason: "work.batch.notReady.accept" },
    ]);
    for (const id of [a, b]) expect(await caseRow(id)).toMatchObject({ state: "handling", handlingUnitId: units[0] });
    expect((await caseRow(other)).state).toBe("acceptance");
    // Each took the workflow's own 签收 step, recorded as the responder's event.
    const [accepted] = await inCounty((tx) =>
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, a)).orderBy(caseEvents.seq),
    ).then((rows) => rows.slice(-1));
    expect(accepted).toMatchObject({ type: "ACCEPT" });
  });

  it("urges cases in handling for the county, telling each unit once, and leaves them where they are", async () => {
    const [a, b, notYet] = [
      await atAssignment("路面塌陷，请尽快处理"),
      await atAssignment("护栏损坏，请尽快处理"),
      await atAssignment("噪音扰民，请尽快处理"),
    ];
    await inCounty((tx) => assignCases(tx, operator(), { caseIds: [a, b], handlingUnit: units[0] }));
    await inCounty((tx) => stepCases(tx, ctx(responderOf(tenantId, units[0]!)), { step: "accept", caseIds: [a, b] }));
    const result = await inCounty((tx) => stepCases(tx, admin(), { step: "urge", caseIds: [a, b, notYet] }));
    expect(result.results.map((r) => r.done)).toEqual([true, true, false]);
    for (const id of [a, b]) {
      expect((await caseRow(id)).state).toBe("handling");
      const told = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, id)));
      expect(told.filter((m) => (m.payload as { template: string }).template === "case.urged")).toHaveLength(1);
    }
    // A responder may not urge (the workflow gives 催办 to the county and the township).
    const byResponder = await inCounty((tx) =>
      stepCases(tx, ctx(responderOf(tenantId, units[0]!)), { step: "urge", caseIds: [a] }),
    );
    expect(byResponder).toMatchObject({ done: 0, results: [{ caseId: a, done: false }] });
  });

  it("refuses an unknown step or an empty selection with field errors and writes nothing", async () => {
    const before = await eventCount();
    for (const input of [{ step: "delete", caseIds: [crypto.randomUUID()] }, { step: "urge", caseIds: [] }, {}]) {
      const error = await inCounty((tx) => stepCases(tx, admin(), input)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
    }
    expect(await eventCount()).toBe(before);
  });
});
