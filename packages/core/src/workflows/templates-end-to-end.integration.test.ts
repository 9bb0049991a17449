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
import { addDuration, type TWorkflowKind, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { getCase } from "../cases/get-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerCase } from "../cases/register-case";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import type { ValidationError } from "../shared/errors";
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
  const worker = async () => {
    await runWorkerRound(t.db, clock.now(), { housekeeping: false });
    await checkDesks();
  };
  const row = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  /**
   * The case page's desk in every state a case reaches: after each step, each worker round and
   * each 整合, every case that moved is opened as the county admin, and a case not in a final
   * state must name its holder and a next step. Which states were seen, by kind, is kept.
   */
  const deskSeen = new Map<string, Set<string>>();
  const lastSeq = new Map<string, number>();
  const checkDesks = async () => {
    const all = await inCounty((tx) => tx.select({ id: cases.id, seq: cases.seq, kind: cases.kind }).from(cases));
    for (const c of all.filter((c) => lastSeq.get(c.id) !== c.seq)) {
      lastSeq.set(c.id, c.seq);
      const page = await inCounty((tx) => getCase(tx, ctx(admin), c.id, clock.now()));
      const where = `${c.kind} · ${page.case.state}`;
      if (!deskSeen.has(c.kind)) deskSeen.set(c.kind, new Set());
      deskSeen.get(c.kind)!.add(page.case.state);
      if (page.case.status === "done" && page.desk.holder === null) continue;
      expect(page.desk.holder?.role, where).toBeTruthy();
      expect(page.desk.next.length, where).toBeGreaterThan(0);
      for (const step of page.desk.next) expect(step.label["zh-CN"], where).toBeTruthy();
    }
  };
  const act = async (actor: Actor, caseId: string, event: string, data: Record<string, unknown> = {}) => {
    await checkDesks();
    const { seq } = await row(caseId);
    await inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq: seq }));
    await checkDesks();
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

  it("群众意见建议办理: registered at the station, returned and ruled on, supervised when overdue, rated, revisited; one extended after a refused request; two more merged", async () => {
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

    // 延期申请: refused once (the limit runs on from 签收), then approved: 15 more working days.
    const c = await opinion("小区门前排水沟堵塞");
    await act(liaison, c, "SUBMIT_REVIEW", { summary: "排水沟堵塞" });
    await act(liaison, c, "HAND_OVER", { issueScope: "individual" });
    await act(operator, c, "ASSIGN", { handlingUnit: unitId });
    await act(responder, c, "ACCEPT");
    const acceptedAt = clock.now();
    const calendar = await inCounty((tx) => new DrizzleCaseStore(tx).calendar());
    const limit = (days: number) => addDuration(acceptedAt, { amount: days, unit: "workingDays" }, calendar);
    expect((await row(c)).dueAt).toEqual(limit(15));
    const page = await inCounty((tx) => getCase(tx, ctx(responder), c, clock.now()));
    const ask = page.actions.find((action) => action.label["zh-CN"] === "申请延期")!;
    expect(ask.form.map((f) => [f.key, f.required])).toEqual([["extensionReason", true]]);
    const noReason = await act(responder, c, "REQUEST_EXTENSION", { extensionReason: " " }).catch((e) => e);
    expect((noReason as ValidationError).fieldErrors).toEqual({ extensionReason: "validation.required" });
    later(3);
    await act(responder, c, "REQUEST_EXTENSION", { extensionReason: "需协调水务公司疏通主管网" });
    expect(await row(c)).toMatchObject({ state: "extensionReview" });
    await act(admin, c, "DECIDE_EXTENSION", { extension: "refused" });
    expect(await row(c)).toMatchObject({ state: "handling", dueAt: limit(15) });
    await act(responder, c, "REQUEST_EXTENSION", { extensionReason: "主管网需水务公司排期" });
    await act(admin, c, "DECIDE_EXTENSION", { extension: "approved" });
    expect(await row(c)).toMatchObject({ state: "extendedHandling", dueAt: limit(30) });
    await act(responder, c, "REPLY", { replyContent: "已疏通排水沟" });
    await act(liaison, c, "RATE", { satisfaction: "satisfied" });
    expect(await row(c)).toMatchObject({ state: "closed", satisfaction: "satisfied" });

    const [b1, b2] = [await opinion("路灯损坏无人修"), await opinion("多处路灯不亮")];
    for (const caseId of [b1!, b2!]) {
      await act(liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
      await act(liaison, caseId, "ESCALATE", { issueScope: "common" });
    }
    await inCounty((tx) =>
      mergeIntoSuggestion(tx, ctx(operator), { caseIds: [b1, b2], content: "建议统一排查更换全镇路灯" }),
    );
    await checkDesks();
    later(366);
    await worker();
    expect((await row(b1!)).status).toBe("done");
    expect(await visited([a, c, b1!, b2!])).toEqual(statesOf("citizenOpinion"));

    const after = await figures();
    // Four received; the two rated closed; the two merged go on in the suggestion and never close as opinions.
    expect(after.process("opinion")).toEqual({
      kind: "opinion",
      received: before.process("opinion").received + 4,
      open: before.process("opinion").open,
      closed: before.process("opinion").closed + 2,
    });
    expect(after.total.received - before.total.received).toBe(4);
    expect(after.total.satisfied - before.total.satisfied).toBe(2);
  });

  it("代表建议办理: assigned with a co-unit, returned, extended, met on (面商), answered twice, a 重点建议 closed after its checklist, reopened by a 回头看, archived", async () => {
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
    await act(admin, caseId, "ASSIGN", { handlingUnit: unitId, keySupervision: true, keyLeader: "县人大常委会副主任" });
    expect(await row(caseId)).toMatchObject({ keySupervision: true });
    await act(responder, caseId, "ACCEPT");
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需列入明年预算" });
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    const meeting = { supervisedOn: "2026-05-10", supervisors: "督办组", supervisionNote: "听取进展" };
    for (const event of [
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_SITE_VISIT",
      "RECORD_SITE_VISIT",
    ])
      await act(deputy, caseId, event, meeting);
    // 80 % of the six months from 交办: the reminder rung is a step of the case's history.
    later(163);
    await worker();
    const reminded = await inCounty((tx) =>
      tx
        .select({ type: caseEvents.type })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.toState, "extendedHandling"))),
    );
    expect(reminded.map((e) => e.type)).toContain("DEADLINE_REACHED");
    await act(responder, caseId, "CONSULT", {
      consultedOn: "2026-09-10",
      consultationForm: "inPerson",
      consultationMinutes: "与代表当面沟通",
    });
    await act(responder, caseId, "REPLY", { replyContent: "已纳入明年计划", answerClass: "B" });
    expect(await row(caseId)).toMatchObject({ answerClass: "B", answeredOnTime: true, consultations: 1 });
    await act(deputy, caseId, "RATE", { satisfaction: "unsatisfied", ratingReason: "没有时间表" });
    expect(await row(caseId)).toMatchObject({ state: "secondHandling" });
    await act(responder, caseId, "REPLY", { replyContent: "已开工建设", answerClass: "A" });
    await act(deputy, caseId, "RATE", { satisfaction: "basic" });
    // 三见面、两到场 are in; 一回访 is not: the 重点建议 cannot close yet.
    expect(await row(caseId)).toMatchObject({ state: "keyReview", closedAt: null });
    await expect(act(admin, caseId, "CLOSE")).rejects.toThrow();
    await act(admin, caseId, "RECORD_RETURN_VISIT", { ...meeting, supervisedOn: "2026-10-20" });
    await act(admin, caseId, "CLOSE");
    expect(await row(caseId)).toMatchObject({ state: "closed", satisfaction: "basic", answerClass: "A" });
    expect((await row(caseId)).closedAt).not.toBeNull();
    // 回头看: the promise was not kept; the unit answers again, and it closes again.
    await act(admin, caseId, "REOPEN");
    expect(await row(caseId)).toMatchObject({ state: "secondHandling", closedAt: null });
    await act(responder, caseId, "REPLY", { replyContent: "已通车", answerClass: "A" });
    await act(deputy, caseId, "RATE", { satisfaction: "satisfied" });
    await act(admin, caseId, "CLOSE");
    await act(admin, caseId, "ARCHIVE");
    expect(await row(caseId)).toMatchObject({ status: "done", satisfaction: "satisfied" });
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

  it("信访件办理: registered, instructed, transferred; an extension refused, then approved (90 days from 转办); urged and supervised when that passes; report sent back once, answered, closed", async () => {
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
    const transferredAt = clock.now().getTime();
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需会同规划部门联合调查" });
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "refused" });
    // Refused: the 60 days still count from 转办; 催办 at 80 % leaves it with the unit.
    expect(await row(caseId)).toMatchObject({ state: "handling", dueAt: new Date(transferredAt + 60 * DAY) });
    later(50);
    await worker();
    expect(await row(caseId)).toMatchObject({ state: "handling" });
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "规划核实尚需时日" });
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    expect(await row(caseId)).toMatchObject({ state: "extendedHandling", dueAt: new Date(transferredAt + 90 * DAY) });
    later(41);
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

  it("names a holder and a next step on the case page in every state of every template a case was in", () => {
    for (const template of Object.values(WORKFLOW_TEMPLATES)) {
      const kind = template.kind ?? "custom";
      const open = Object.entries(template.states)
        .filter(([, state]) => state.kind !== "final")
        .map(([id]) => id);
      expect([...(deskSeen.get(kind) ?? [])], template.key).toEqual(expect.arrayContaining(open));
    }
  });
});
