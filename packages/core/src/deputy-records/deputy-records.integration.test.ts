import type { Actor } from "@rdlink/auth";
import {
  activities,
  activityDeputies,
  deputies,
  deputyPairs,
  deputyStations,
  dutyPosts,
  handlingUnits,
  pairVisits,
  postClaims,
  stationPosts,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendanceRows } from "../activities/attendance-rows";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { NotFoundError, ValidationError } from "../shared/errors";
import { createSession } from "../suggestions/create-session";
import { enterSuggestion } from "../suggestions/enter-suggestion";
import { memberOf, realMemberOf, responderOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { emptyDeputyRecord } from "./count-deputy-records";
import { exportDeputyRecords } from "./export-deputy-records";
import { getDeputyRecord } from "./get-deputy-record";
import { listDeputyRecords } from "./list-deputy-records";

/**
 * A seeded 2026 and 2027 of two deputies (韦建国 with an account, 李梅 without): ledger entries,
 * post claims, opinions he registered, suggestions and a 面商, his rating of an answer. Each
 * figure of the record is checked against a sum counted here by hand.
 */
describe.each(testDrivers())("a deputy's 履职档案 on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let wei: Actor;
  let weiId: string;
  let liId: string;
  let townshipId: string;
  let stationId: string;
  const clock = new ManualClock(new Date("2027-06-01T02:00:00Z"));
  const { ctx, inCounty, act } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const record = (actor: Actor, deputyId: string, year: unknown) =>
    inCounty((tx) => getDeputyRecord(tx, ctx(actor), { deputyId, year }));

  /** A ledger entry on `day` with `people` received, attended by the given deputies. */
  const entry = (kind: (typeof activities.$inferInsert)["kind"], day: string, people: number, who: string[]) =>
    inCounty(async (tx) => {
      const [row] = await tx
        .insert(activities)
        .values({ stationId, townshipId, kind, day, peopleReceived: people, summary: `${kind} ${day}` })
        .returning();
      await tx.insert(activityDeputies).values(attendanceRows(row!, who));
    });

  /** An opinion 韦建国 registers himself, at the given moment. */
  const ownOpinion = (at: string) =>
    inCounty((tx) =>
      registerOpinion(
        tx,
        ctx(wei),
        { stationId, channel: "deputy", content: "村道路灯损坏，夜间出行不便", category: "urbanConstruction" },
        [],
        new StagedFiles("/tmp/rdlink-test-files"),
        new Date(at),
      ),
    );

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "R7D3K9")));
    wei = await realMemberOf(t.db, tenantId, "deputy", [townshipId]);
    let unitId = "";
    await inCounty(async (tx) => {
      const people = await tx
        .insert(deputies)
        .values([
          { name: "韦建国", level: "county", townshipId, userId: wei.userId },
          { name: "李梅", level: "county", townshipId },
        ])
        .returning({ id: deputies.id });
      [weiId, liId] = people.map((p) => p.id) as [string, string];
      await tx.insert(deputyStations).values({ deputyId: weiId, stationId });
      const [post] = await tx.insert(dutyPosts).values({ name: "民情收集岗" }).returning({ id: dutyPosts.id });
      await tx.insert(stationPosts).values({ stationId, postId: post!.id });
      const claim = (deputyId: string, status: "approved" | "ended" | "pending", decided?: string, ended?: string) => ({
        stationId,
        postId: post!.id,
        deputyId,
        statement: "认领",
        status,
        decidedAt: decided ? new Date(decided) : null,
        endedAt: ended ? new Date(ended) : null,
      });
      await tx
        .insert(postClaims)
        .values([
          claim(weiId, "approved", "2027-02-01T02:00:00Z"),
          claim(weiId, "ended", "2026-03-01T02:00:00Z", "2026-12-01T02:00:00Z"),
          claim(weiId, "ended", "2026-05-01T02:00:00Z", "2027-03-01T02:00:00Z"),
          claim(liId, "pending"),
        ]);
      const [unit] = await tx.insert(handlingUnits).values({ name: "县交通运输局" }).returning();
      unitId = unit!.id;
    });

    // The ledger: 2027 for both, and one 2026 reception of his.
    await entry("reception", "2027-01-05", 12, [weiId]);
    await entry("reception", "2027-03-05", 8, [weiId, liId]);
    await entry("reception", "2027-12-31", 5, [weiId]);
    await entry("visit", "2027-04-10", 3, [weiId]);
    await entry("visit", "2027-04-11", 0, [weiId]);
    await entry("training", "2027-05-01", 0, [weiId]);
    await entry("study", "2027-05-02", 0, [weiId]);
    await entry("mediation", "2027-05-03", 2, [liId]);
    await entry("reception", "2026-12-31", 20, [weiId]);

    // 双联 (0028): his paired household, visited twice in 2027 and once in 2026.
    await inCounty(async (tx) => {
      const [pair] = await tx
        .insert(deputyPairs)
        .values({ deputyId: weiId, townshipId, kind: "lowIncome", householdName: "低收入户", address: "北郊村" })
        .returning({ id: deputyPairs.id });
      await tx.insert(pairVisits).values(
        ["2027-02-01", "2027-05-20", "2026-11-30"].map((visitedOn) => ({
          pairId: pair!.id,
          deputyId: weiId,
          visitedOn,
          form: "home" as const,
          learned: "走访了解情况",
        })),
      );
    });

    // Opinions he registered: 23:00 on 31 December 2026 in 兴宁 is 2026; 01:00 on 1 January is 2027.
    await ownOpinion("2026-12-31T15:00:00Z");
    await ownOpinion("2026-12-31T17:00:00Z");
    await ownOpinion("2027-04-02T02:00:00Z");
    // One the liaison registered: not his.
    await inCounty((tx) =>
      registerOpinion(
        tx,
        ctx(memberOf(tenantId, "station_liaison", [townshipId])),
        { stationId, channel: "reception", content: "接待日群众反映：菜市场排水不畅", category: "urbanConstruction" },
        [],
        new StagedFiles("/tmp/rdlink-test-files"),
      ),
    );

    // Suggestions of the 2027 session: two he leads (李梅 seconds one), one she leads and he seconds.
    const session = await inCounty((tx) =>
      createSession(tx, ctx(admin), { term: 17, meeting: 3, opensOn: "2027-01-10", closesOn: "2027-01-13" }),
    );
    const suggest = (lead: string, co: string[], title: string) =>
      inCounty((tx) =>
        enterSuggestion(tx, ctx(admin), session.id, {
          number: "",
          title,
          content: "建议加快农村公路提档升级",
          category: "agriculture",
          leadDeputyId: lead,
          coDeputyIds: co,
          receivedOn: "2027-01-12",
        }),
      );
    const first = await suggest(weiId, [liId], "关于农村公路提档升级的建议");
    await suggest(weiId, [], "关于增设乡村客运班线的建议");
    await suggest(liId, [weiId], "关于完善村级养老服务的建议");

    // His first suggestion: assigned, 面商 once, answered; he rates the answer (one step of his).
    clock.set(new Date("2027-02-01T02:00:00Z"));
    await act(admin, first.caseId, "ASSIGN", { handlingUnit: unitId, keySupervision: false });
    const responder = responderOf(tenantId, unitId);
    await act(responder, first.caseId, "ACCEPT");
    await act(responder, first.caseId, "CONSULT", {
      consultedOn: "2027-02-20",
      consultationForm: "phone",
      consultationMinutes: "电话沟通办理思路",
    });
    clock.set(new Date("2027-03-01T02:00:00Z"));
    await act(responder, first.caseId, "REPLY", { replyContent: "已列入年度计划", answerClass: "B" });
    await act(wei, first.caseId, "RATE", { satisfaction: "satisfied" });
    clock.set(new Date("2027-06-01T02:00:00Z"));
  });
  afterAll(() => t.drop());

  it("adds up a year of what he did, each figure equal to the hand-counted sum", async () => {
    const { record: his, deputy } = await record(admin, weiId, 2027);
    expect(deputy).toMatchObject({ name: "韦建国" });
    expect(his).toEqual({
      ...emptyDeputyRecord(),
      receptions: 3,
      visits: 2,
      trainings: 2,
      peopleReceived: 12 + 8 + 5 + 3 + 0,
      // The claim approved in 2027, and the one that ended in March 2027.
      postsHeld: 2,
      opinionsRegistered: 2,
      suggestionsLed: 2,
      suggestionsSeconded: 1,
      consultations: 1,
      caseSteps: 1,
      pairVisits: 2,
    });
    expect((await record(admin, liId, 2027)).record).toEqual({
      ...emptyDeputyRecord(),
      receptions: 1,
      mediations: 1,
      peopleReceived: 8 + 2,
      suggestionsLed: 1,
      suggestionsSeconded: 1,
    });
    expect((await record(admin, weiId, 2026)).record).toEqual({
      ...emptyDeputyRecord(),
      receptions: 1,
      peopleReceived: 20,
      postsHeld: 2,
      opinionsRegistered: 1,
      pairVisits: 1,
    });
  });

  it("keeps each attendance equal to its entry: a differing copy or an edit under it is refused", async () => {
    const before = (await record(admin, liId, 2027)).record;
    const [entered] = await inCounty((tx) =>
      tx
        .insert(activities)
        .values({ stationId, townshipId, kind: "visit", day: "2027-04-02", peopleReceived: 6, summary: "走访" })
        .returning(),
    );
    await inCounty((tx) => tx.insert(activityDeputies).values(attendanceRows(entered!, [liId])));
    expect((await record(admin, liId, 2027)).record).toEqual({
      ...before,
      visits: before.visits + 1,
      peopleReceived: before.peopleReceived + 6,
    });
    // Decision 0031: the attendance's copy of day, kind and 接待人次 cannot drift from the entry.
    await expect(
      inCounty((tx) => tx.update(activities).set({ day: "2026-12-30" }).where(eq(activities.id, entered!.id))),
    ).rejects.toThrow();
    await expect(
      inCounty((tx) => tx.insert(activityDeputies).values(attendanceRows({ ...entered!, kind: "reception" }, [weiId]))),
    ).rejects.toThrow();
    // Deleting the entry takes its attendances with it.
    await inCounty((tx) => tx.delete(activities).where(eq(activities.id, entered!.id)));
    expect((await record(admin, liId, 2027)).record).toEqual(before);
  });

  it("lets the deputy read his own, the county and his township everyone's, and nobody else", async () => {
    expect((await record(wei, weiId, 2027)).record.receptions).toBe(3);
    const township = memberOf(tenantId, "township_operator", [townshipId]);
    expect((await record(township, liId, 2027)).record.receptions).toBe(1);
    // Another deputy, or another township, is told the record does not exist.
    const other = await realMemberOf(t.db, tenantId, "deputy", [townshipId]);
    await expect(record(other, weiId, 2027)).rejects.toBeInstanceOf(NotFoundError);
    await expect(record(wei, liId, 2027)).rejects.toBeInstanceOf(NotFoundError);
    const elsewhere = memberOf(tenantId, "township_operator", [crypto.randomUUID()]);
    await expect(record(elsewhere, weiId, 2027)).rejects.toBeInstanceOf(NotFoundError);
    await expect(record(admin, "not-an-id", 2027)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a year that is not one", async () => {
    for (const year of ["二〇二七", 1999, 2027.5, ""]) {
      await expect(record(admin, weiId, year)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it("lists every deputy's record in scope, sorted by a figure", async () => {
    const list = (actor: Actor, input: Record<string, unknown>) =>
      inCounty((tx) => listDeputyRecords(tx, ctx(actor), input));
    const byName = await list(admin, { year: 2027 });
    expect(byName.rows.map((r) => r.name)).toEqual(["李梅", "韦建国"]);
    const byMediations = await list(admin, { year: 2027, sort: "mediations" });
    expect(byMediations.rows.map((r) => [r.name, r.record.mediations])).toEqual([
      ["李梅", 1],
      ["韦建国", 0],
    ]);
    const byReceptions = await list(admin, { year: 2027, sort: "receptions", townshipId });
    expect(byReceptions.rows.map((r) => [r.name, r.record.receptions])).toEqual([
      ["韦建国", 3],
      ["李梅", 1],
    ]);
    // A page at a time: the order is decided over everyone, the page holds its share with full records.
    const secondPage = await list(admin, { year: 2027, sort: "receptions", townshipId, page: 2, pageSize: 1 });
    expect([secondPage.total, secondPage.rows.map((r) => [r.name, r.record.receptions, r.record.mediations])]).toEqual([
      2,
      [["李梅", 1, 1]],
    ]);
    // A deputy reads only their own record, not the list.
    await expect(list(wei, { year: 2027 })).rejects.toThrow();
  });

  it("exports the year's table as the page lists it, headed in Chinese", async () => {
    const { year, bytes } = await inCounty((tx) =>
      exportDeputyRecords(tx, ctx(admin), { year: 2027, sort: "receptions" }),
    );
    expect(year).toBe(2027);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.slice(0, 5)).toEqual(["代表", "层级", "所属乡镇（街道）", "接待日（次）", "接待人次"]);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ["韦建国", "县", expect.any(String), 3, 28],
      ["李梅", "县", expect.any(String), 1, 10],
    ]);
  });
});
