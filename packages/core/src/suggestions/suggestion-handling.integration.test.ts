import type { Actor } from "@rdlink/auth";
import { deputies, handlingUnits } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { NotFoundError, type ValidationError } from "../shared/errors";
import { realMemberOf, responderOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { createSession } from "./create-session";
import { enterSuggestion } from "./enter-suggestion";

/** 24:00 of a date in Shanghai: where a deadline counted in whole days or months ends. */
const endOf = (date: string) => new Date(`${date}T24:00:00+08:00`);

/**
 * A deputy's suggestion handled on the county's shipped suggestion workflow: the limits in
 * calendar months from the 交办 (three, six with approval), the answer's classification and
 * its 面商 first, the rating by the 领衔代表 alone, and a 重点建议's checklist before it closes.
 */
describe.each(testDrivers())("handling a deputy's suggestion on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let sessionId: string;
  let admin: Actor;
  let lead: Actor;
  let coDeputy: Actor;
  let leadId: string;
  let coDeputyId: string;
  let roads: string;
  let water: string;
  const clock = new ManualClock(new Date("2027-01-29T02:00:00Z"));
  const { ctx, inCounty, row, act, refusal } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  let numbered = 0;
  const suggestion = async () =>
    (
      await inCounty((tx) =>
        enterSuggestion(tx, ctx(admin), sessionId, {
          number: "",
          title: `关于农村公路提质改造的建议（${++numbered}）`,
          content: "建议加快农村公路提质改造，解决群众出行难",
          category: "transport",
          leadDeputyId: leadId,
          coDeputyIds: coDeputyId,
          receivedOn: "2027-01-12",
        }),
      )
    ).caseId;
  const meeting = { supervisedOn: "2027-03-01", supervisors: "督办组：韦建国、李娜", supervisionNote: "听取办理进展" };
  const consultation = {
    consultedOn: "2027-02-20",
    consultationForm: "inPerson",
    consultationMinutes: "与领衔代表当面沟通办理思路",
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    lead = await realMemberOf(t.db, tenantId, "deputy");
    coDeputy = await realMemberOf(t.db, tenantId, "deputy");
    const { townshipId } = await inCounty((tx) => addTestStation(tx, "H4N5D6"));
    await inCounty(async (tx) => {
      const units = await tx
        .insert(handlingUnits)
        .values([{ name: "县交通运输局" }, { name: "县水利局" }])
        .returning({ id: handlingUnits.id });
      [roads, water] = units.map((u) => u.id) as [string, string];
      const people = await tx
        .insert(deputies)
        .values([
          { name: "韦建国", level: "county", townshipId, userId: lead.userId },
          { name: "李娜", level: "county", townshipId, userId: coDeputy.userId },
        ])
        .returning({ id: deputies.id });
      [leadId, coDeputyId] = people.map((p) => p.id) as [string, string];
    });
    sessionId = (
      await inCounty((tx) =>
        createSession(tx, ctx(admin), { term: 17, meeting: 3, opensOn: "2027-01-10", closesOn: "2027-01-13" }),
      )
    ).id;
  });
  afterAll(() => t.drop());

  it("counts three calendar months from a 交办 on 29 January 2027, and six only once the county approves", async () => {
    clock.set(new Date("2027-01-29T02:00:00Z")); // Friday, a week before the Spring Festival
    const caseId = await suggestion();
    await act(admin, caseId, "ASSIGN", { handlingUnit: roads, coHandlingUnits: [water, roads] });
    // The lead is never its own co-unit.
    expect(await row(caseId)).toMatchObject({ handlingUnitId: roads, coHandlingUnitIds: [water] });
    const responder = responderOf(tenantId, roads);
    await act(responder, caseId, "ACCEPT");
    // 29 April, counted in months: the holidays in between do not stretch it, nor does 90 days shorten it.
    expect((await row(caseId)).dueAt).toEqual(endOf("2027-04-29"));

    clock.set(new Date("2027-04-01T02:00:00Z"));
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需列入年度预算" });
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "refused" });
    // Refused: the three months still run from the 交办.
    expect(await row(caseId)).toMatchObject({ state: "handling", dueAt: endOf("2027-04-29") });
    await act(responder, caseId, "REQUEST_EXTENSION", { extensionReason: "需列入年度预算，已报县政府" });
    expect((await row(caseId)).state).toBe("extensionReview");
    await act(admin, caseId, "DECIDE_EXTENSION", { extension: "approved" });
    // Approved: six months from the 交办, 29 July (180 days would end on the 28th).
    expect(await row(caseId)).toMatchObject({ state: "extendedHandling", dueAt: endOf("2027-07-29") });
  });

  it("answers only after a 面商 and with a classification; only the 领衔代表 rates, and 不满意 asks for a second answer", async () => {
    clock.set(new Date("2027-02-01T02:00:00Z"));
    const caseId = await suggestion();
    await act(admin, caseId, "ASSIGN", { handlingUnit: roads });
    const responder = responderOf(tenantId, roads);
    await act(responder, caseId, "ACCEPT");

    // No 面商 yet: the answer is not possible.
    expect(
      await refusal(act(responder, caseId, "REPLY", { replyContent: "已列入计划", answerClass: "B" })),
    ).toBeTruthy();
    const noMinutes = await refusal(act(responder, caseId, "CONSULT", { ...consultation, consultationMinutes: "" }));
    expect((noMinutes as ValidationError).fieldErrors).toEqual({ "data.consultationMinutes": "validation.required" });
    await act(responder, caseId, "CONSULT", consultation);
    expect((await row(caseId)).consultedAt).toEqual(clock.now());

    const unclassified = await refusal(act(responder, caseId, "REPLY", { replyContent: "已列入计划" }));
    expect((unclassified as ValidationError).fieldErrors).toEqual({ answerClass: "validation.required" });
    expect((await row(caseId)).state).toBe("handling");

    clock.set(new Date("2027-03-01T02:00:00Z"));
    await act(responder, caseId, "REPLY", { replyContent: "已列入明年计划", answerClass: "B", answerPublic: true });
    expect(await row(caseId)).toMatchObject({
      state: "evaluation",
      answerClass: "B",
      answeredOnTime: true,
      firstAnsweredAt: clock.now(),
    });

    // The 附议代表 did not propose it: not theirs to rate (nor to see).
    await expect(act(coDeputy, caseId, "RATE", { satisfaction: "satisfied" })).rejects.toBeInstanceOf(NotFoundError);
    // 不满意 without its reason: refused, the reason named (满意 would need none).
    const noReason = await refusal(act(lead, caseId, "RATE", { satisfaction: "unsatisfied" }));
    expect((noReason as ValidationError).fieldErrors).toEqual({ ratingReason: "validation.required" });
    await act(lead, caseId, "RATE", { satisfaction: "unsatisfied", ratingReason: "没有时间表" });
    // A fresh month for the second answer, from the rating.
    expect(await row(caseId)).toMatchObject({ state: "secondHandling", dueAt: endOf("2027-04-01") });
    clock.set(new Date("2027-03-20T02:00:00Z"));
    await act(responder, caseId, "REPLY", { replyContent: "已开工建设", answerClass: "A" });
    await act(lead, caseId, "RATE", { satisfaction: "satisfied" });
    // The first answer's time and timeliness stay; the class is the latest answer's.
    expect(await row(caseId)).toMatchObject({
      state: "closed",
      satisfaction: "satisfied",
      answerClass: "A",
      firstAnsweredAt: new Date("2027-03-01T02:00:00Z"),
    });
    expect((await row(caseId)).closedAt).toEqual(clock.now());
  });

  it("closes a 重点建议 only after three meetings, two site visits and one return visit", async () => {
    clock.set(new Date("2027-02-02T02:00:00Z"));
    const caseId = await suggestion();
    await act(admin, caseId, "ASSIGN", { handlingUnit: water, keySupervision: true, keyLeader: "县人大常委会副主任" });
    expect((await row(caseId)).keySupervision).toBe(true);
    const responder = responderOf(tenantId, water);
    await act(responder, caseId, "ACCEPT");
    await act(responder, caseId, "CONSULT", consultation);
    // A supervision step without its date or what was found is refused, naming the field.
    const blank = await refusal(act(admin, caseId, "RECORD_MEETING", { ...meeting, supervisionNote: " " }));
    expect((blank as ValidationError).fieldErrors).toEqual({ "data.supervisionNote": "validation.required" });
    for (const event of ["RECORD_MEETING", "RECORD_MEETING", "RECORD_SITE_VISIT"])
      await act(admin, caseId, event, meeting);
    await act(responder, caseId, "REPLY", { replyContent: "水渠已列入修缮计划", answerClass: "B" });
    await act(lead, caseId, "RATE", { satisfaction: "basic" });
    expect((await row(caseId)).state).toBe("keyReview");

    // Two meetings of three, one site visit of two, no return visit: not yet.
    const tooEarly = async () => expect(await refusal(act(admin, caseId, "CLOSE"))).toBeTruthy();
    await tooEarly();
    await act(lead, caseId, "RECORD_MEETING", meeting);
    await act(admin, caseId, "RECORD_SITE_VISIT", meeting);
    await tooEarly();
    expect(await row(caseId)).toMatchObject({ state: "keyReview", closedAt: null });
    await act(admin, caseId, "RECORD_RETURN_VISIT", { ...meeting, supervisedOn: "2027-05-10" });
    await act(admin, caseId, "CLOSE");
    expect((await row(caseId)).state).toBe("closed");
    expect((await row(caseId)).closedAt).toEqual(clock.now());
  });

  it("offers no supervision steps on a suggestion that is not a 重点建议", async () => {
    const caseId = await suggestion();
    await act(admin, caseId, "ASSIGN", { handlingUnit: water });
    await act(responderOf(tenantId, water), caseId, "ACCEPT");
    expect(await refusal(act(admin, caseId, "RECORD_MEETING", meeting))).toBeTruthy();
    expect((await row(caseId)).keySupervision).toBe(false);
  });
});
