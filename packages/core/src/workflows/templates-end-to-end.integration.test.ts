import { caseEvents } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { addDuration } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { getCase } from "../cases/get-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerCase } from "../cases/register-case";
import { registerOpinion } from "../cases/register-opinion";
import { StagedFiles } from "../files/staged-files";
import type { ValidationError } from "../shared/errors";
import { responderOf } from "../testing/actors";
import { expectDesksInEveryState, statesOf, templateCounty } from "../testing/template-county";

/**
 * 群众意见建议 and 代表建议 (what citizens and deputies ask) run end to end as a county runs them:
 * each case enters through its template's declared entry point, the right roles move it through
 * every state (over as many cases as its branches need), its deadlines are fired by the worker at
 * the clock's time, and the dashboard's figures for its process change by exactly what was done.
 */
describe.each(testDrivers())("the opinion and suggestion templates, end to end, on %s", (driver) => {
  const county = templateCounty(driver);
  const { clock, ctx, inCounty, later, worker, row, deskSeen, checkDesks, act, visited, figures, workflowOf } = county;
  let seeded: Awaited<ReturnType<typeof county.setUp>>;

  beforeAll(async () => {
    seeded = await county.setUp();
  });
  afterAll(() => seeded.t.drop());

  it("群众意见建议办理: registered at the station, returned and ruled on, supervised when overdue, rated, revisited; one extended after a refused request; two more merged", async () => {
    const before = await figures();
    const responder = responderOf(seeded.tenantId, seeded.unitId);
    const opinion = async (content: string) =>
      (
        await inCounty((tx) =>
          registerOpinion(
            tx,
            ctx(seeded.liaison),
            { stationId: seeded.stationId, content, category: "urbanConstruction", channel: "reception" },
            [],
            new StagedFiles("/tmp/rdlink-test-files"),
          ),
        )
      ).caseId;
    const a = await opinion("村口路灯坏了三个月");
    await act(seeded.liaison, a, "SUBMIT_REVIEW", { summary: "路灯损坏" });
    await act(seeded.liaison, a, "HAND_OVER", { issueScope: "individual" });
    await act(seeded.operator, a, "ASSIGN", { handlingUnit: seeded.unitId });
    await act(responder, a, "RETURN", { returnReason: "不属于本单位职责" });
    await act(seeded.admin, a, "RULE", { ruling: "keep" });
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
    await act(seeded.liaison, a, "RATE", { satisfaction: "satisfied" });
    await act(seeded.operator, a, "REVISIT");
    await act(seeded.operator, a, "REVISIT_DONE", { revisitNote: "路灯正常" });
    expect(await row(a)).toMatchObject({ status: "done", satisfaction: "satisfied" });

    // 延期申请: refused once (the limit runs on from 签收), then approved: 15 more working days.
    const c = await opinion("小区门前排水沟堵塞");
    await act(seeded.liaison, c, "SUBMIT_REVIEW", { summary: "排水沟堵塞" });
    await act(seeded.liaison, c, "HAND_OVER", { issueScope: "individual" });
    await act(seeded.operator, c, "ASSIGN", { handlingUnit: seeded.unitId });
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
    await act(seeded.admin, c, "DECIDE_EXTENSION", { extension: "refused" });
    expect(await row(c)).toMatchObject({ state: "handling", dueAt: limit(15) });
    await act(responder, c, "REQUEST_EXTENSION", { extensionReason: "主管网需水务公司排期" });
    await act(seeded.admin, c, "DECIDE_EXTENSION", { extension: "approved" });
    expect(await row(c)).toMatchObject({ state: "extendedHandling", dueAt: limit(30) });
    await act(responder, c, "REPLY", { replyContent: "已疏通排水沟" });
    await act(seeded.liaison, c, "RATE", { satisfaction: "satisfied" });
    expect(await row(c)).toMatchObject({ state: "closed", satisfaction: "satisfied" });

    const [b1, b2] = [await opinion("路灯损坏无人修"), await opinion("多处路灯不亮")];
    for (const caseId of [b1!, b2!]) {
      await act(seeded.liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
      await act(seeded.liaison, caseId, "ESCALATE", { issueScope: "common" });
    }
    await inCounty((tx) =>
      mergeIntoSuggestion(tx, ctx(seeded.operator), { caseIds: [b1, b2], content: "建议统一排查更换全镇路灯" }),
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
    const responder = responderOf(seeded.tenantId, seeded.unitId);
    const suggestionWorkflow = await workflowOf("deputySuggestion");
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(seeded.admin), {
        workflowId: suggestionWorkflow,
        townshipId: seeded.townshipId,
        channel: "reception",
        data: { leadDeputy: seeded.deputyId, content: "建议加快农村公路提质改造" },
      }),
    );
    expect(await row(caseId)).toMatchObject({ kind: "suggestion", deputyIds: [seeded.deputyId] });
    await act(seeded.admin, caseId, "ASSIGN", { handlingUnit: seeded.unitId, keySupervision: true });
    await act(responder, caseId, "RETURN", { returnReason: "请交通局主办" });
    await act(seeded.admin, caseId, "ASSIGN", {
      handlingUnit: seeded.unitId,
      keySupervision: true,
      keyLeader: "县人大常委会副主任",
    });
    expect(await row(caseId)).toMatchObject({ keySupervision: true });
    await act(responder, caseId, "ACCEPT");
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需列入明年预算" });
    await act(seeded.admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    const meeting = { supervisedOn: "2026-05-10", supervisors: "督办组", supervisionNote: "听取进展" };
    for (const event of [
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_MEETING",
      "RECORD_SITE_VISIT",
      "RECORD_SITE_VISIT",
    ])
      await act(seeded.deputy, caseId, event, meeting);
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
    await act(seeded.deputy, caseId, "RATE", { satisfaction: "unsatisfied", ratingReason: "没有时间表" });
    expect(await row(caseId)).toMatchObject({ state: "secondHandling" });
    await act(responder, caseId, "REPLY", { replyContent: "已开工建设", answerClass: "A" });
    await act(seeded.deputy, caseId, "RATE", { satisfaction: "basic" });
    // 三见面、两到场 are in; 一回访 is not: the 重点建议 cannot close yet.
    expect(await row(caseId)).toMatchObject({ state: "keyReview", closedAt: null });
    await expect(act(seeded.admin, caseId, "CLOSE")).rejects.toThrow();
    await act(seeded.admin, caseId, "RECORD_RETURN_VISIT", { ...meeting, supervisedOn: "2026-10-20" });
    await act(seeded.admin, caseId, "CLOSE");
    expect(await row(caseId)).toMatchObject({ state: "closed", satisfaction: "basic", answerClass: "A" });
    expect((await row(caseId)).closedAt).not.toBeNull();
    // 回头看: the promise was not kept; the unit answers again, and it closes again.
    await act(seeded.admin, caseId, "REOPEN");
    expect(await row(caseId)).toMatchObject({ state: "secondHandling", closedAt: null });
    await act(responder, caseId, "REPLY", { replyContent: "已通车", answerClass: "A" });
    await act(seeded.deputy, caseId, "RATE", { satisfaction: "satisfied" });
    await act(seeded.admin, caseId, "CLOSE");
    await act(seeded.admin, caseId, "ARCHIVE");
    expect(await row(caseId)).toMatchObject({ status: "done", satisfaction: "satisfied" });
    expect(await visited([caseId])).toEqual(statesOf("deputySuggestion"));

    const after = await figures();
    expect(after.process("suggestion").received - before.process("suggestion").received).toBe(1);
    expect(after.process("suggestion").closed - before.process("suggestion").closed).toBe(1);
    expect(after.total.received - before.total.received).toBe(1);
  });

  it("names a holder and a next step on the case page in every state of these templates a case was in", () => {
    expectDesksInEveryState(deskSeen, "citizensAndDeputies");
  });
});
