import type { Actor } from "@rdlink/auth";
import {
  activities,
  activityDeputies,
  caseEvents,
  cases,
  deputies,
  deputyStations,
  handlingUnits,
  workflows,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { type TWorkflowKind, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerCase } from "../cases/register-case";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { getCountyFigures } from "../stats/get-county-figures";
import { memberOf, realMemberOf, responderOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { runWorkerRound } from "../worker/start-worker";

const DAY = 86_400_000;
/** Every template's states, as shipped: each test must pass through all of its template's. */
const statesOf = (key: string) =>
  Object.keys(Object.values(WORKFLOW_TEMPLATES).find((template) => template.key === key)!.states).sort();

/**
 * Each shipped template run end to end as a county runs it: the case enters through its
 * declared entry point, the right roles move it through every state of the template (over
 * as many cases as its branches need), its deadlines are fired by the worker at the clock's
 * time, and the dashboard's figures for its process change by exactly what was done.
 */
describe.each(testDrivers())("the shipped templates, end to end, on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let unitId: string;
  let admin: Actor;
  let liaison: Actor;
  let operator: Actor;
  let deputy: Actor;
  let deputyId: string;
  const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  const ctx = (actor: Actor) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const later = (days: number) => clock.advance(days * DAY);
  /** The worker's round at the clock's time: due deadlines fire, their messages go out. */
  const worker = () => runWorkerRound(t.db, clock.now(), { housekeeping: false });
  const row = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  const act = async (actor: Actor, caseId: string, event: string, data: Record<string, unknown> = {}) => {
    const { seq } = await row(caseId);
    await inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq: seq }));
  };
  const visited = async (caseIds: string[]) => {
    const events = await inCounty((tx) =>
      tx.select({ state: caseEvents.toState }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds)),
    );
    return [...new Set(events.map((e) => e.state))].sort();
  };
  const figures = async () => {
    const all = await inCounty((tx) =>
      getCountyFigures(tx, ctx(admin), { from: "2026-01-01", to: "2028-12-31" }, clock.now()),
    );
    const process = (kind: TWorkflowKind) =>
      all.processes.find((p) => p.kind === kind) ?? { kind, received: 0, open: 0, closed: 0 };
    return { total: all.total, process };
  };
  const workflowOf = async (key: string) =>
    (await inCounty((tx) => tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.key, key))))[0]!.id;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "E2E5T7")));
    liaison = await realMemberOf(t.db, tenantId, "station_liaison", [townshipId]);
    operator = memberOf(tenantId, "township_operator", [townshipId]);
    deputy = await realMemberOf(t.db, tenantId, "deputy");
    await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
      unitId = unit!.id;
      const [person] = await tx
        .insert(deputies)
        .values({ name: "韦建国", level: "county", townshipId, userId: deputy.userId })
        .returning({ id: deputies.id });
      deputyId = person!.id;
      await tx.insert(deputyStations).values({ deputyId, stationId });
    });
  });
  afterAll(() => t.drop());

  it("群众意见建议办理: registered at the station, returned and ruled on, supervised when overdue, rated, revisited; two more merged", async () => {
    const before = await figures();
    const responder = responderOf(tenantId, unitId);
    const opinion = async (content: string) =>
      (
        await inCounty((tx) =>
          registerOpinion(
            tx,
            ctx(liaison),
            { stationId, content, category: "urbanConstruction", channel: "reception" },
            [],
            new StagedFiles("/tmp/rdlink-test-files"),
          ),
        )
      ).caseId;
    const a = await opinion("村口路灯坏了三个月");
    await act(liaison, a, "SUBMIT_REVIEW", { summary: "路灯损坏" });
    await act(liaison, a, "HAND_OVER", { issueScope: "individual" });
    await act(operator, a, "ASSIGN", { handlingUnit: unitId });
    await act(responder, a, "RETURN", { returnReason: "不属于本单位职责" });
    await act(admin, a, "RULE", { ruling: "keep" });
    await act(responder, a, "ACCEPT");
    // 15 working days pass unanswered: 催办 at 80 %, then 督办.
    later(30);
    await worker();
    expect(await row(a)).toMatchObject({ state: "supervised" });
    const ladder = await inCounty((tx) =>
      tx.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, a)),
    );
    expect(ladder.map((e) => e.type)).toEqual(expect.arrayContaining(["URGE", "OVERDUE"]));
    await act(responder, a, "REPLY", { replyContent: "已更换路灯" });
    await act(liaison, a, "RATE", { satisfaction: "satisfied" });
    await act(operator, a, "REVISIT");
    await act(operator, a, "REVISIT_DONE", { revisitNote: "路灯正常" });
    expect(await row(a)).toMatchObject({ status: "done", satisfaction: "satisfied" });

    const [b1, b2] = [await opinion("路灯损坏无人修"), await opinion("多处路灯不亮")];
    for (const caseId of [b1!, b2!]) {
      await act(liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
      await act(liaison, caseId, "ESCALATE", { issueScope: "common" });
    }
    await inCounty((tx) =>
      mergeIntoSuggestion(tx, ctx(operator), { caseIds: [b1, b2], content: "建议统一排查更换全镇路灯" }),
    );
    later(366);
    await worker();
    expect((await row(b1!)).status).toBe("done");
    expect(await visited([a, b1!, b2!])).toEqual(statesOf("citizenOpinion"));

    const after = await figures();
    // Three received; the one rated closed; the two merged go on in the suggestion and never close as opinions.
    expect(after.process("opinion")).toEqual({
      kind: "opinion",
      received: before.process("opinion").received + 3,
      open: before.process("opinion").open,
      closed: before.process("opinion").closed + 1,
    });
    expect(after.total.received - before.total.received).toBe(3);
    expect(after.total.satisfied - before.total.satisfied).toBe(1);
  });

  it("代表建议办理: registered by the county naming its deputy, returned, extended, redone once after the deputy's rating, closed", async () => {
    clock.set(new Date("2026-04-06T01:00:00Z"));
    const before = await figures();
    const responder = responderOf(tenantId, unitId);
    const suggestionWorkflow = await workflowOf("deputySuggestion");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(admin), {
        workflowId: suggestionWorkflow,
        townshipId,
        channel: "reception",
        data: { leadDeputy: deputyId, content: "建议加快农村公路提质改造" },
      }),
    );
    expect(await row(caseId)).toMatchObject({ kind: "suggestion", deputyIds: [deputyId] });
    await act(admin, caseId, "ASSIGN", { handlingUnit: unitId, keySupervision: true });
    await act(responder, caseId, "RETURN", { returnReason: "请交通局主办" });
    await act(admin, caseId, "ASSIGN", { handlingUnit: unitId, keySupervision: true });
    await act(responder, caseId, "ACCEPT");
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需列入明年预算" });
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    for (const event of [
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_SITE_VISIT",
      "RECORD_SITE_VISIT",
    ])
      await act(deputy, caseId, event);
    // 90 % of the 180 days from 交办: the reminder rung is a step of the case's history.
    later(163);
    await worker();
    const reminded = await inCounty((tx) =>
      tx
        .select({ type: caseEvents.type })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.toState, "extendedHandling"))),
    );
    expect(reminded.map((e) => e.type)).toContain("DEADLINE_REACHED");
    await act(responder, caseId, "REPLY", { replyContent: "已纳入明年计划" });
    await act(deputy, caseId, "RATE", { satisfaction: "unsatisfied" });
    expect(await row(caseId)).toMatchObject({ state: "handling" });
    await act(responder, caseId, "REPLY", { replyContent: "已开工建设" });
    await act(deputy, caseId, "RATE", { satisfaction: "basic" });
    expect(await row(caseId)).toMatchObject({ status: "done", satisfaction: "basic" });
    expect(await visited([caseId])).toEqual(statesOf("deputySuggestion"));

    const after = await figures();
    expect(after.process("suggestion").received - before.process("suggestion").received).toBe(1);
    expect(after.process("suggestion").closed - before.process("suggestion").closed).toBe(1);
    expect(after.total.received - before.total.received).toBe(1);
  });

  it("法规草案意见征集: opened at the station, comments collected until the window closes by itself, fed back", async () => {
    clock.set(new Date("2026-05-04T01:00:00Z"));
    const before = await figures();
    const consultationWorkflow = await workflowOf("draftLawConsultation");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(liaison), {
        workflowId: consultationWorkflow,
        townshipId,
        stationId,
        channel: "reception",
        data: { draftTitle: "《南宁市物业管理条例（草案）》" },
      }),
    );
    await act(liaison, caseId, "OPEN", { draftTitle: "《南宁市物业管理条例（草案）》", closesOn: "2026-06-03" });
    await act(liaison, caseId, "ADD_COMMENT");
    await act(deputy, caseId, "ADD_COMMENT");
    later(31);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "sorting" });
    await act(liaison, caseId, "SUBMIT", { summary: "共收集意见两条" });
    await act(admin, caseId, "RECEIVE_FEEDBACK");
    await act(liaison, caseId, "PUBLISH_FEEDBACK", { adoptedCount: 1 });
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
        registerCase(tx, ctx(liaison), {
          workflowId,
          townshipId,
          stationId,
          channel: "visit",
          data: { parties, disputeSummary: "宅基地边界纠纷" },
        }),
      );
      await act(liaison, caseId, "START_MEDIATION", { parties, disputeSummary: "宅基地边界纠纷" });
      return caseId;
    };
    const settled = await dispute("黄某与李某");
    await act(liaison, settled, "CONCLUDE", {
      outcome: "agreement",
      outcomeNote: "双方同意以围墙中线为界",
      mediatorDeputy: deputyId,
    });
    const referred = await dispute("王某与赵某");
    await act(liaison, referred, "CONCLUDE", { outcome: "noAgreement" });
    await act(liaison, referred, "HAND_OFF", { referredTo: "镇司法所" });
    // The return visit is due 15 days after the agreement.
    later(16);
    await worker();
    expect(await row(settled)).toMatchObject({ state: "revisit" });
    for (const caseId of [settled, referred]) await act(liaison, caseId, "COMPLETE", { revisitNote: "未再发生纠纷" });
    expect(await visited([settled, referred])).toEqual(statesOf("disputeMediation"));

    const entries = await inCounty((tx) => tx.select().from(activities).where(eq(activities.caseId, settled)));
    expect(entries).toMatchObject([
      {
        stationId,
        kind: "mediation",
        disputesMediated: 1,
        summary: "双方同意以围墙中线为界",
        day: "2026-07-06",
        recordedBy: liaison.userId,
      },
    ]);
    const present = await inCounty((tx) =>
      tx.select().from(activityDeputies).where(eq(activityDeputies.activityId, entries[0]!.id)),
    );
    expect(present.map((p) => p.deputyId)).toEqual([deputyId]);
    expect(await inCounty((tx) => tx.select().from(activities).where(eq(activities.caseId, referred)))).toEqual([]);

    const after = await figures();
    expect(after.process("mediation").received - before.process("mediation").received).toBe(2);
    expect(after.process("mediation").closed - before.process("mediation").closed).toBe(2);
    // One dispute settled, counted once: from the step, not typed into the ledger again.
    expect(after.total.disputesMediated - before.total.disputesMediated).toBe(1);
  });

  it("信访件办理: registered, instructed, transferred; urged at 80 % and supervised at 100 % of 30 days from 转办; report sent back once, answered, closed", async () => {
    clock.set(new Date("2026-09-07T01:00:00Z"));
    const before = await figures();
    const responder = responderOf(tenantId, unitId);
    const letterWorkflow = await workflowOf("letterVisit");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(admin), {
        workflowId: letterWorkflow,
        townshipId,
        channel: "letter",
        data: { summary: "来信反映小区违建长期未处理", petitioner: "张某" },
      }),
    );
    await act(admin, caseId, "SUBMIT", { summary: "来信反映小区违建" });
    await act(admin, caseId, "INSTRUCT", { instruction: "请住建局核查处理" });
    await act(admin, caseId, "TRANSFER", { handlingUnit: unitId });
    later(25);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "handling" });
    later(6);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "supervised" });
    await act(responder, caseId, "REPORT", { result: "已责令拆除" });
    await act(admin, caseId, "RETURN_REPORT");
    await act(responder, caseId, "REPORT", { result: "已拆除并复核" });
    await act(admin, caseId, "ANSWER", { answer: "已书面答复来信人" });
    await act(admin, caseId, "CLOSE");
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
});
