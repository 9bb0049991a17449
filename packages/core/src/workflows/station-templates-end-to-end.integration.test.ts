import { activities, activityDeputies, caseEvents } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCase } from "../cases/register-case";
import { responderOf } from "../testing/actors";
import { DAY, expectDesksInEveryState, statesOf, templateCounty } from "../testing/template-county";

/**
 * 法规草案意见征集, 矛盾纠纷调解 and 信访件办理 (a station's other work, and letters) run end to end
 * as a county runs them: each case enters through its template's declared entry point, the right
 * roles move it through every state, its deadlines are fired by the worker at the clock's time,
 * and the dashboard's figures for its process change by exactly what was done.
 */
describe.each(testDrivers())("the consultation, mediation and letter templates, end to end, on %s", (driver) => {
  const county = templateCounty(driver);
  const { clock, ctx, inCounty, later, worker, row, deskSeen, act, visited, figures, workflowOf } = county;
  let seeded: Awaited<ReturnType<typeof county.setUp>>;

  beforeAll(async () => {
    seeded = await county.setUp();
  });
  afterAll(() => seeded.t.drop());

  it("法规草案意见征集: opened at the station, comments collected until the window closes by itself, fed back", async () => {
    clock.set(new Date("2026-05-04T01:00:00Z"));
    const before = await figures();
    const consultationWorkflow = await workflowOf("draftLawConsultation");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(seeded.liaison), {
        workflowId: consultationWorkflow,
        townshipId: seeded.townshipId,
        stationId: seeded.stationId,
        channel: "reception",
        data: { draftTitle: "《南宁市物业管理条例（草案）》" },
      }),
    );
    await act(seeded.liaison, caseId, "OPEN", { draftTitle: "《南宁市物业管理条例（草案）》", closesOn: "2026-06-03" });
    await act(seeded.liaison, caseId, "ADD_COMMENT");
    await act(seeded.deputy, caseId, "ADD_COMMENT");
    later(31);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "sorting" });
    await act(seeded.liaison, caseId, "SUBMIT", { summary: "共收集意见两条" });
    await act(seeded.admin, caseId, "RECEIVE_FEEDBACK");
    await act(seeded.liaison, caseId, "PUBLISH_FEEDBACK", { adoptedCount: 1 });
    expect(await row(caseId)).toMatchObject({ status: "done" });
    expect(await visited([caseId])).toEqual(statesOf("draftLawConsultation"));

    const after = await figures();
    expect(after.process("consultation").received - before.process("consultation").received).toBe(1);
    expect(after.process("consultation").closed - before.process("consultation").closed).toBe(1);
    // Not an opinion or suggestion: 意见建议 do not move.
    expect(after.total.received).toBe(before.total.received);
  });

  it("矛盾纠纷调解: an agreement goes into the station's ledger with its deputies, a referral does not; both revisited and closed", async () => {
    clock.set(new Date("2026-07-06T01:00:00Z"));
    const before = await figures();
    const workflowId = await workflowOf("disputeMediation");
    const dispute = async (parties: string) => {
      const { caseId } = await inCounty((tx) =>
        registerCase(tx, ctx(seeded.liaison), {
          workflowId,
          townshipId: seeded.townshipId,
          stationId: seeded.stationId,
          channel: "visit",
          data: { parties, disputeSummary: "宅基地边界纠纷" },
        }),
      );
      await act(seeded.liaison, caseId, "START_MEDIATION", { parties, disputeSummary: "宅基地边界纠纷" });
      return caseId;
    };
    const settled = await dispute("黄某与李某");
    await act(seeded.liaison, settled, "CONCLUDE", {
      outcome: "agreement",
      outcomeNote: "双方同意以围墙中线为界",
      mediatorDeputy: seeded.deputyId,
    });
    const referred = await dispute("王某与赵某");
    await act(seeded.liaison, referred, "CONCLUDE", { outcome: "noAgreement" });
    await act(seeded.liaison, referred, "HAND_OFF", { referredTo: "镇司法所" });
    // The return visit is due 15 days after the agreement.
    later(16);
    await worker();
    expect(await row(settled)).toMatchObject({ state: "revisit" });
    for (const caseId of [settled, referred])
      await act(seeded.liaison, caseId, "COMPLETE", { revisitNote: "未再发生纠纷" });
    expect(await visited([settled, referred])).toEqual(statesOf("disputeMediation"));

    const entries = await inCounty((tx) => tx.select().from(activities).where(eq(activities.caseId, settled)));
    expect(entries).toMatchObject([
      {
        stationId: seeded.stationId,
        kind: "mediation",
        disputesMediated: 1,
        summary: "双方同意以围墙中线为界",
        day: "2026-07-06",
        recordedBy: seeded.liaison.userId,
      },
    ]);
    const present = await inCounty((tx) =>
      tx.select().from(activityDeputies).where(eq(activityDeputies.activityId, entries[0]!.id)),
    );
    expect(present.map((p) => p.deputyId)).toEqual([seeded.deputyId]);
    expect(await inCounty((tx) => tx.select().from(activities).where(eq(activities.caseId, referred)))).toEqual([]);

    const after = await figures();
    expect(after.process("mediation").received - before.process("mediation").received).toBe(2);
    expect(after.process("mediation").closed - before.process("mediation").closed).toBe(2);
    // One dispute settled, counted once: from the step, not typed into the ledger again.
    expect(after.total.disputesMediated - before.total.disputesMediated).toBe(1);
  });

  it("信访件办理: registered, instructed, transferred; an extension refused, then approved (90 days from 转办); urged and supervised when that passes; report sent back once, answered, closed", async () => {
    clock.set(new Date("2026-09-07T01:00:00Z"));
    const before = await figures();
    const responder = responderOf(seeded.tenantId, seeded.unitId);
    const letterWorkflow = await workflowOf("letterVisit");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(seeded.admin), {
        workflowId: letterWorkflow,
        townshipId: seeded.townshipId,
        channel: "letter",
        data: { summary: "来信反映小区违建长期未处理", petitioner: "张某" },
      }),
    );
    await act(seeded.admin, caseId, "SUBMIT", { summary: "来信反映小区违建" });
    await act(seeded.admin, caseId, "INSTRUCT", { instruction: "请住建局核查处理" });
    await act(seeded.admin, caseId, "TRANSFER", { handlingUnit: seeded.unitId });
    const transferredAt = clock.now().getTime();
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需会同规划部门联合调查" });
    await act(seeded.admin, caseId, "DECIDE_EXTENSION", { extension: "refused" });
    // Refused: the 60 days still count from 转办; 催办 at 80 % leaves it with the unit.
    expect(await row(caseId)).toMatchObject({ state: "handling", dueAt: new Date(transferredAt + 60 * DAY) });
    later(50);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "handling" });
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "规划核实尚需时日" });
    await act(seeded.admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    expect(await row(caseId)).toMatchObject({ state: "extendedHandling", dueAt: new Date(transferredAt + 90 * DAY) });
    later(41);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "supervised" });
    await act(responder, caseId, "REPORT", { result: "已责令拆除" });
    await act(seeded.admin, caseId, "RETURN_REPORT");
    await act(responder, caseId, "REPORT", { result: "已拆除并复核" });
    await act(seeded.admin, caseId, "ANSWER", { answer: "已书面答复来信人" });
    await act(seeded.admin, caseId, "CLOSE");
    expect(await row(caseId)).toMatchObject({ status: "done" });
    expect(await visited([caseId])).toEqual(statesOf("letterVisit"));
    const types = await inCounty((tx) =>
      tx.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, caseId)),
    );
    expect(types.map((e) => e.type)).toEqual(expect.arrayContaining(["URGE", "OVERDUE"]));

    const after = await figures();
    expect(after.process("letter").received - before.process("letter").received).toBe(1);
    expect(after.process("letter").closed - before.process("letter").closed).toBe(1);
    expect(after.total.received).toBe(before.total.received);
  });

  it("names a holder and a next step on the case page in every state of these templates a case was in", () => {
    expectDesksInEveryState(deskSeen, "stationsAndLetters");
  });
});
