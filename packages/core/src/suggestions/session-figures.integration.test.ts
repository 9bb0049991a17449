import type { Actor } from "@rdlink/auth";
import { auditLog, deputies, handlingUnits, revisitItems, teams } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { ConflictError, type ValidationError } from "../shared/errors";
import { realMemberOf, responderOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { addRevisitItems } from "./add-revisit-items";
import { assignRevisitTeam } from "./assign-revisit-team";
import { createRevisitCampaign } from "./create-revisit-campaign";
import { createSession } from "./create-session";
import { enterSuggestion } from "./enter-suggestion";
import { getRevisitCampaign } from "./get-revisit-campaign";
import { getSessionFigures } from "./get-session-figures";
import { listRevisitCampaigns } from "./list-revisit-campaigns";
import { recordRevisitFinding } from "./record-revisit-finding";
import { exportSessionReport, formatRate } from "./session-report";

/**
 * A session's figures and a 回头看, on suggestions driven through the county's shipped suggestion
 * workflow by the runtime (交办, 签收, 面商, 答复, 测评): exact counts and rates, and 未兑现
 * reopening a closed suggestion through its workflow's own reopening step.
 */
describe.each(testDrivers())("a session's figures and its 回头看 on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let lead: Actor;
  let leadId: string;
  let roads: string;
  let water: string;
  let teamId: string;
  const clock = new ManualClock(new Date("2027-02-01T02:00:00Z"));
  const { ctx, inCounty, row, act, refusal } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const newSession = async (meeting: number) =>
    (
      await inCounty((tx) =>
        createSession(tx, ctx(admin), { term: 17, meeting, opensOn: "2027-01-10", closesOn: "2027-01-13" }),
      )
    ).id;
  let numbered = 0;
  /** A suggestion of the session, entered by the office: its suggestion id and case id. */
  const suggestion = async (sessionId: string) => {
    const entered = await inCounty((tx) =>
      enterSuggestion(tx, ctx(admin), sessionId, {
        number: "",
        title: `关于农村饮水安全的建议（${++numbered}）`,
        content: "建议加快农村饮水安全巩固提升工程",
        category: "agriculture",
        leadDeputyId: leadId,
        receivedOn: "2027-01-12",
      }),
    );
    return { suggestionId: entered.suggestionId, caseId: entered.caseId };
  };
  const consultation = {
    consultedOn: "2027-02-20",
    consultationForm: "phone",
    consultationMinutes: "电话沟通办理思路",
  };

  /** Driven to where a suggestion stands: assigned, answered (class, on time or late), rated. */
  async function drive(
    caseId: string,
    to: {
      unit: string;
      key?: boolean;
      answer?: "A" | "B" | "C";
      late?: boolean;
      rating?: "satisfied" | "basic" | "unsatisfied";
    },
  ) {
    clock.set(new Date("2027-02-01T02:00:00Z"));
    await act(admin, caseId, "ASSIGN", { handlingUnit: to.unit, keySupervision: to.key ?? false });
    const responder = responderOf(tenantId, to.unit);
    await act(responder, caseId, "ACCEPT");
    if (!to.answer) return;
    await act(responder, caseId, "CONSULT", consultation);
    // Three calendar months from 1 February end on 1 May: 10 May is late.
    clock.set(new Date(to.late ? "2027-05-10T02:00:00Z" : "2027-03-01T02:00:00Z"));
    await act(responder, caseId, "REPLY", { replyContent: "已答复", answerClass: to.answer });
    if (!to.rating) return;
    await act(lead, caseId, "RATE", {
      satisfaction: to.rating,
      ...(to.rating === "unsatisfied" ? { ratingReason: "未说明时间表" } : {}),
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    lead = await realMemberOf(t.db, tenantId, "deputy");
    const { townshipId } = await inCounty((tx) => addTestStation(tx, "F7G8H9"));
    await inCounty(async (tx) => {
      const units = await tx
        .insert(handlingUnits)
        .values([{ name: "县水利局" }, { name: "县交通运输局" }])
        .returning({ id: handlingUnits.id });
      [water, roads] = units.map((u) => u.id) as [string, string];
      const [person] = await tx
        .insert(deputies)
        .values({ name: "韦建国", level: "county", townshipId, userId: lead.userId })
        .returning({ id: deputies.id });
      leadId = person!.id;
      const [team] = await tx.insert(teams).values({ key: "supervisionOne", name: "第一督办组" }).returning();
      teamId = team!.id;
    });
  });
  afterAll(() => t.drop());

  it("counts a session's suggestions where the workflow left them, for the session and per lead unit", async () => {
    const sessionId = await newSession(3);
    const empty = await inCounty((tx) => getSessionFigures(tx, ctx(admin), sessionId));
    expect(empty.total).toMatchObject({ suggestions: 0, onTimeRate: null, satisfactionRate: null, keptRate: null });
    expect(formatRate(empty.total.onTimeRate)).toBe("—");

    const s: { suggestionId: string; caseId: string }[] = [];
    for (let i = 0; i < 6; i++) s.push(await suggestion(sessionId));
    // s0 not assigned; s1 assigned to 水利局, not answered.
    await drive(s[1]!.caseId, { unit: water });
    await drive(s[2]!.caseId, { unit: water, answer: "B", rating: "satisfied" });
    await drive(s[3]!.caseId, { unit: water, answer: "A", rating: "basic" });
    await drive(s[4]!.caseId, { unit: roads, answer: "C", late: true, rating: "unsatisfied" });
    await drive(s[5]!.caseId, { unit: roads, key: true, answer: "A", rating: "satisfied" });
    expect((await row(s[3]!.caseId)).state).toBe("closed");
    expect((await row(s[4]!.caseId)).state).toBe("secondHandling");
    expect((await row(s[5]!.caseId)).state).toBe("keyReview");

    const { total, units } = await inCounty((tx) => getSessionFigures(tx, ctx(admin), sessionId));
    expect(total).toEqual({
      suggestions: 6,
      assigned: 5,
      answered: 4,
      answeredOnTime: 3,
      consulted: 4,
      rated: 4,
      satisfied: 3,
      classA: 2,
      classB: 1,
      classC: 1,
      keySupervision: 1,
      keySupervisionClosed: 0,
      revisited: 0,
      kept: 0,
      onTimeRate: 0.75,
      consultedRate: 1,
      satisfactionRate: 0.75,
      classAShare: 0.5,
      classBShare: 0.25,
      classCShare: 0.25,
      keptRate: null,
    });
    // The league: 水利局 answered all on time and satisfied, 交通运输局 half of each.
    expect(
      units.map((u) => [u.unitName, u.assigned, u.answered, u.onTimeRate, u.satisfactionRate, u.keySupervision]),
    ).toEqual([
      ["县水利局", 3, 2, 1, 1, 0],
      ["县交通运输局", 2, 2, 0.5, 0.5, 1],
    ]);
    expect(formatRate(total.onTimeRate)).toBe("75 %");
    expect(formatRate(1 / 8 + 0.75)).toBe("87.5 %");

    // The same figures as .xlsx: the session's sheet and the league, shares as numbers.
    const { bytes } = await inCounty((tx) => exportSessionReport(tx, ctx(admin), sessionId));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const overview = workbook.getWorksheet("办理情况")!;
    const cellOf = (title: string) => {
      let value: unknown;
      overview.eachRow((r) => {
        if (r.getCell(1).value === title) value = r.getCell(2).value;
      });
      return value;
    };
    expect(cellOf("已答复（件）")).toBe(4);
    expect(cellOf("按期答复率")).toBe(0.75);
    expect(cellOf("回头看兑现率")).toBe("—");
    const league = workbook.getWorksheet("承办单位")!;
    expect(league.getRow(2).getCell(2).value).toBe("县水利局");
    expect(league.getRow(3).getCell(2).value).toBe("县交通运输局");
  });

  it("revisits 10 answered suggestions: 2 found 未兑现 are reopened through the workflow, 兑现率 80 %", async () => {
    const sessionId = await newSession(4);
    const s: { suggestionId: string; caseId: string }[] = [];
    for (let i = 0; i < 12; i++) s.push(await suggestion(sessionId));
    for (const [i, one] of s.slice(0, 10).entries()) {
      await drive(one.caseId, { unit: i % 2 ? roads : water, answer: i % 3 ? "B" : "C", rating: "satisfied" });
    }
    // s10 answered but not yet rated (at its rating step: nothing there reopens it); s11 not answered.
    await drive(s[10]!.caseId, { unit: water, answer: "B" });
    await drive(s[11]!.caseId, { unit: water });
    clock.set(new Date("2027-09-01T02:00:00Z"));

    const campaign = await inCounty((tx) =>
      createRevisitCampaign(tx, ctx(admin), { name: "2027年代表建议办理回头看", year: "2027" }),
    );
    // The selection offers the answered ones only, filtered by class and unit.
    const offered = await inCounty((tx) =>
      getRevisitCampaign(tx, ctx(admin), campaign.id, { sessionId, classes: ["B", "C"] }),
    );
    expect(offered.candidates.map((c) => c.suggestionId).sort()).toEqual(
      s
        .slice(0, 11)
        .map((x) => x.suggestionId)
        .sort(),
    );
    const onlyC = await inCounty((tx) =>
      getRevisitCampaign(tx, ctx(admin), campaign.id, { year: "2027", classes: "C", unitId: water }),
    );
    // Class C at 水利局: the 1st and the 7th (every third is C, every other goes to 水利局).
    expect(onlyC.candidates.map((c) => c.suggestionId)).toEqual([s[0]!.suggestionId, s[6]!.suggestionId]);

    // Not answered: refused by name, nothing added.
    const unanswered = await refusal(
      inCounty((tx) =>
        addRevisitItems(tx, ctx(admin), campaign.id, { suggestionIds: [s[0]!.suggestionId, s[11]!.suggestionId] }),
      ),
    );
    expect((unanswered as ValidationError).fieldErrors).toEqual({
      [`suggestionIds.${s[11]!.suggestionId}`]: "revisits.notAnswered",
    });
    // Unknown team: refused, nothing added.
    const noTeam = await refusal(
      inCounty((tx) =>
        addRevisitItems(tx, ctx(admin), campaign.id, {
          suggestionIds: [s[0]!.suggestionId],
          teamId: crypto.randomUUID(),
        }),
      ),
    );
    expect((noTeam as ValidationError).fieldErrors).toEqual({ teamId: "revisits.unknownTeam" });
    expect((await inCounty((tx) => getRevisitCampaign(tx, ctx(admin), campaign.id))).items).toEqual([]);

    const ten = s.slice(0, 10).map((x) => x.suggestionId);
    await inCounty((tx) =>
      addRevisitItems(tx, ctx(admin), campaign.id, { suggestionIds: [...ten, s[10]!.suggestionId] }),
    );
    let page = await inCounty((tx) => getRevisitCampaign(tx, ctx(admin), campaign.id));
    expect(page.items).toHaveLength(11);
    const itemIds = page.items.map((i) => i.id);
    const badTeam = await refusal(
      inCounty((tx) => assignRevisitTeam(tx, ctx(admin), campaign.id, { itemIds, teamId: crypto.randomUUID() })),
    );
    expect((badTeam as ValidationError).fieldErrors).toEqual({ teamId: "revisits.unknownTeam" });
    await inCounty((tx) => assignRevisitTeam(tx, ctx(admin), campaign.id, { itemIds, teamId }));

    const writes = async () => {
      const [[a], found] = await Promise.all([
        inCounty((tx) => tx.select({ n: count() }).from(auditLog)),
        inCounty((tx) => tx.select({ finding: revisitItems.finding }).from(revisitItems)),
      ]);
      return { audit: a!.n, findings: found.filter((f) => f.finding).length };
    };
    const before = await writes();
    // A finding on a suggestion not in the campaign (s11), and 未兑现 where the step offers no
    // reopening (s10 awaits its rating): refused, nothing written, s10 where it was.
    const stranger = await refusal(
      inCounty((tx) =>
        recordRevisitFinding(tx, ctx(admin), campaign.id, {
          suggestionId: s[11]!.suggestionId,
          finding: "kept",
          foundOn: "2027-08-20",
        }),
      ),
    );
    expect((stranger as ValidationError).fieldErrors).toEqual({ suggestionId: "revisits.notInCampaign" });
    const evaluating = await row(s[10]!.caseId);
    const cannot = await refusal(
      inCounty((tx) =>
        recordRevisitFinding(tx, ctx(admin), campaign.id, {
          suggestionId: s[10]!.suggestionId,
          finding: "notKept",
          note: "尚未测评",
          foundOn: "2027-08-20",
        }),
      ),
    );
    expect(cannot).toBeInstanceOf(ConflictError);
    expect((cannot as ConflictError).message).toBe("revisits.cannotReopen");
    expect((cannot as ConflictError).values).toEqual({
      number: page.items.find((i) => i.suggestionId === s[10]!.suggestionId)!.number,
    });
    expect(await row(s[10]!.caseId)).toMatchObject({ state: evaluating.state, seq: evaluating.seq });
    expect(await writes()).toEqual(before);

    // 8 kept, 2 not kept.
    for (const [i, suggestionId] of ten.entries()) {
      await inCounty((tx) =>
        recordRevisitFinding(tx, ctx(admin), campaign.id, {
          suggestionId,
          finding: i < 8 ? "kept" : "notKept",
          note: i < 8 ? "已落实" : "承诺的工程未开工",
          foundOn: "2027-08-20",
        }),
      );
    }
    for (const one of s.slice(0, 8)) expect((await row(one.caseId)).state).toBe("closed");
    for (const one of s.slice(8, 10)) {
      const reopened = await row(one.caseId);
      expect(reopened.closedAt).toBeNull();
      expect(reopened.state).not.toBe("closed");
      expect(reopened.status).toBe("active");
    }
    // Recorded 未兑现 again: no second reopening.
    const seq = (await row(s[9]!.caseId)).seq;
    await inCounty((tx) =>
      recordRevisitFinding(tx, ctx(admin), campaign.id, {
        suggestionId: ten[9],
        finding: "notKept",
        note: "复核：仍未开工",
        foundOn: "2027-08-25",
      }),
    );
    expect((await row(s[9]!.caseId)).seq).toBe(seq);

    page = await inCounty((tx) => getRevisitCampaign(tx, ctx(admin), campaign.id));
    expect(page.figures).toEqual({ items: 11, found: 10, kept: 8, partlyKept: 0, notKept: 2, keptRate: 0.8 });
    expect(page.items.every((i) => i.teamName === "第一督办组")).toBe(true);
    expect(formatRate(page.figures.keptRate)).toBe("80 %");
    const listed = await inCounty((tx) => listRevisitCampaigns(tx, ctx(admin)));
    expect(listed.find((c) => c.id === campaign.id)).toMatchObject({ items: 11, found: 10, kept: 8, keptRate: 0.8 });
    // The session's figures: 兑现率 80 %, the reopened ones still answered.
    const { total } = await inCounty((tx) => getSessionFigures(tx, ctx(admin), sessionId));
    expect(total).toMatchObject({ answered: 11, revisited: 10, kept: 8, keptRate: 0.8 });
  });
});
