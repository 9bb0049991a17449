import type { Actor } from "@rdlink/auth";
import { activities, activityDeputies, auditLog, deputies, deputyScoreTables, deputyScoringRules } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendanceRows } from "../activities/attendance-rows";
import { ManualClock } from "../clock";
import { exportDeputyRecords } from "../deputy-records/export-deputy-records";
import { getDeputyRecord } from "../deputy-records/get-deputy-record";
import { listDeputyRecords } from "../deputy-records/list-deputy-records";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { createSession } from "../suggestions/create-session";
import { enterSuggestion } from "../suggestions/enter-suggestion";
import { memberOf, realMemberOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { getScoreTable } from "./get-score-table";
import { listScoringRules } from "./list-scoring-rules";
import { publishScoreTable } from "./publish-score-table";
import { removeScoringRule } from "./remove-scoring-rule";
import { saveScoringRule } from "./save-scoring-rule";
import { unpublishScoreTable } from "./unpublish-score-table";

/**
 * A seeded 2027 of two deputies (韦建国 with an account, 李梅 without) scored under the county's
 * 考核细则: each score equals the sum computed here by hand, each point explained; the rules changed,
 * the year's table follows until it is published, then stays frozen. Another county's rules never apply.
 */
describe.each(testDrivers())("考核: a county's scoring rules on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  let admin: Actor;
  let otherAdmin: Actor;
  let wei: Actor;
  let weiId: string;
  let liId: string;
  let townshipId: string;
  let stationId: string;
  // 2028: the whole of 2027 has ended, every month of it is judged.
  const clock = new ManualClock(new Date("2028-01-15T02:00:00Z"));
  const { ctx, inCounty } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const other = caseSteps(
    () => t.db,
    () => otherTenantId,
    clock,
  );
  const save = (input: Record<string, unknown>, actor = admin) =>
    inCounty((tx) => saveScoringRule(tx, ctx(actor), input));
  const table = (year = 2027) => inCounty((tx) => getScoreTable(tx, ctx(admin), { year }));
  const scores = async (year = 2027) =>
    Object.fromEntries((await table(year)).rows.map((r) => [r.name, { score: r.score, rank: r.rank, lines: r.lines }]));
  const ruleCount = () => inCounty(async (tx) => (await tx.select({ n: count() }).from(deputyScoringRules))[0]!.n);

  const entry = (kind: (typeof activities.$inferInsert)["kind"], day: string, people: number, who: string[]) =>
    inCounty(async (tx) => {
      const [row] = await tx
        .insert(activities)
        .values({ stationId, townshipId, kind, day, peopleReceived: people, summary: `${kind} ${day}` })
        .returning();
      await tx.insert(activityDeputies).values(attendanceRows(row!, who));
    });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    const otherCounty = await onboardTestCounty(t.db, "450103", clock);
    otherTenantId = otherCounty.tenantId;
    otherAdmin = otherCounty.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "S7D3K9")));
    wei = await realMemberOf(t.db, tenantId, "deputy", [townshipId]);
    await inCounty(async (tx) => {
      const people = await tx
        .insert(deputies)
        .values([
          { name: "韦建国", level: "county", townshipId, userId: wei.userId },
          { name: "李梅", level: "county", townshipId },
        ])
        .returning({ id: deputies.id });
      [weiId, liId] = people.map((p) => p.id) as [string, string];
    });
    // He received people every month of 2027 but March and July (3 each); she every month (2 each).
    for (const month of [1, 2, 4, 5, 6, 8, 9, 10, 11, 12]) {
      await entry("reception", `2027-${String(month).padStart(2, "0")}-10`, 3, [weiId]);
    }
    for (let month = 1; month <= 12; month++) {
      await entry("reception", `2027-${String(month).padStart(2, "0")}-20`, 2, [liId]);
    }
    // A 2026 reception of his, and a visit of his: neither is a 2027 reception.
    await entry("reception", "2026-12-31", 50, [weiId]);
    await entry("visit", "2027-03-03", 0, [weiId]);
    // Suggestions: two he leads, one she leads and he seconds.
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
    await suggest(weiId, [], "关于农村公路提档升级的建议");
    await suggest(weiId, [], "关于增设乡村客运班线的建议");
    await suggest(liId, [weiId], "关于完善村级养老服务的建议");
    // The other county scores receptions at 100 points: never applied here.
    await other.inCounty((tx) => saveScoringRule(tx, other.ctx(otherAdmin), { figure: "receptions", points: 100 }));
  });
  afterAll(() => t.drop());

  let receptionRule: string;
  let ledRule: string;
  let peopleRule: string;

  it("scores the year as the sums counted by hand, one explained line per rule", async () => {
    // Without rules, nobody has a score.
    expect(
      (await inCounty((tx) => listDeputyRecords(tx, ctx(admin), { year: 2027 }))).rows.map((r) => r.score),
    ).toEqual([null, null]);
    // The year's table without rules: every deputy on it, with nothing scored and nothing to explain.
    expect((await table()).rows.map((r) => [r.score, r.rank, r.lines])).toEqual([
      [0, 1, []],
      [0, 1, []],
    ]);
    receptionRule = (
      await save({ figure: "receptions", points: "2", cap: "20", monthlyMinimum: "1", monthlyDeduction: "2" })
    ).id;
    ledRule = (await save({ figure: "suggestionsLed", points: 5, cap: "" })).id;
    peopleRule = (await save({ figure: "peopleReceived", points: "0.5" })).id;
    expect((await inCounty((tx) => listScoringRules(tx, ctx(admin)))).map((r) => r.description)).toEqual([
      "接待日每次2分，最高20分；每月至少1次，未达到的月份每月扣2分",
      "领衔建议每件5分",
      "接待人次每人次0.5分",
    ]);
    expect(await scores()).toEqual({
      // 10 × 2 = 20 (at the cap, not above it), minus 2 for March and 2 for July; 2 × 5; 30 × 0.5.
      韦建国: {
        score: 16 + 10 + 15,
        rank: 1,
        lines: [
          "接待日 10 次 × 2 分 = 20 分；每月至少 1 次：3月、7月未达到，扣 4 分，计 16 分",
          "领衔建议 2 件 × 5 分 = 10 分，计 10 分",
          "接待人次 30 人次 × 0.5 分 = 15 分，计 15 分",
        ],
      },
      // 12 × 2 = 24, capped at 20, every month met; 1 × 5; 24 × 0.5.
      李梅: {
        score: 20 + 5 + 12,
        rank: 2,
        lines: [
          "接待日 12 次 × 2 分 = 24 分，上限 20 分；每月至少 1 次：已结束的 12 个月均已达到，计 20 分",
          "领衔建议 1 件 × 5 分 = 5 分，计 5 分",
          "接待人次 24 人次 × 0.5 分 = 12 分，计 12 分",
        ],
      },
    });
  });

  it("follows the county's rules when they change, until the year is published", async () => {
    await save({ ruleId: ledRule, figure: "suggestionsLed", points: 3 });
    await inCounty((tx) => removeScoringRule(tx, ctx(admin), { ruleId: peopleRule }));
    await save({ figure: "suggestionsSeconded", points: 1.5 });
    const changed = await scores();
    expect(changed.韦建国).toEqual({
      score: 16 + 6 + 1.5,
      rank: 1,
      lines: [
        "接待日 10 次 × 2 分 = 20 分；每月至少 1 次：3月、7月未达到，扣 4 分，计 16 分",
        "领衔建议 2 件 × 3 分 = 6 分，计 6 分",
        "附议建议 1 件 × 1.5 分 = 1.5 分，计 1.5 分",
      ],
    });
    expect(changed.李梅!.score).toBe(20 + 3 + 0);
    // A deduction never takes a rule below 0: 10 points a missed month, 2 months missed.
    await save({ ruleId: receptionRule, figure: "receptions", points: 1, monthlyMinimum: 1, monthlyDeduction: 10 });
    expect((await scores()).韦建国!.lines[0]).toBe(
      "接待日 10 次 × 1 分 = 10 分；每月至少 1 次：3月、7月未达到，扣 20 分，计 0 分",
    );
    await save({
      ruleId: receptionRule,
      figure: "receptions",
      points: 2,
      cap: 20,
      monthlyMinimum: 1,
      monthlyDeduction: 2,
    });
    // The list's 考核得分 column, sorted by it, and the sheet.
    const list = await inCounty((tx) => listDeputyRecords(tx, ctx(admin), { year: 2027, sort: "score" }));
    expect(list.rows.map((r) => [r.name, r.score])).toEqual([
      ["韦建国", 23.5],
      ["李梅", 23],
    ]);
    // The table a page at a time: ranked over everyone, the page's rows explained as in the whole table.
    const whole = await table();
    const second = await inCounty((tx) => getScoreTable(tx, ctx(admin), { year: 2027, page: 2, pageSize: 1 }));
    expect([second.total, second.rows]).toEqual([2, [whole.rows[1]]]);
    expect(second.rows[0]).toMatchObject({ name: "李梅", rank: 2, score: 23 });
    expect(second.rows[0]!.lines).toHaveLength(3);
    const { bytes } = await inCounty((tx) => exportDeputyRecords(tx, ctx(admin), { year: 2027, sort: "score" }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.at(-1)).toBe("考核得分");
    expect(rows.slice(1).map((r) => [r[0], r.at(-1)])).toEqual([
      ["韦建国", 23.5],
      ["李梅", 23],
    ]);
  });

  it("freezes a published year: later rules leave it, unpublishing and republishing follow the rules again", async () => {
    // Before publishing, his own record shows no score; the county sees the current one.
    expect((await inCounty((tx) => getDeputyRecord(tx, ctx(wei), { deputyId: weiId, year: 2027 }))).score).toBeNull();
    expect(
      (await inCounty((tx) => getDeputyRecord(tx, ctx(admin), { deputyId: weiId, year: 2027 }))).score,
    ).toMatchObject({ published: false, score: 23.5 });
    clock.set(new Date("2028-01-20T02:00:00Z"));
    await inCounty((tx) => publishScoreTable(tx, ctx(admin), { year: 2027 }));
    await expect(inCounty((tx) => publishScoreTable(tx, ctx(admin), { year: 2027 }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await save({ ruleId: ledRule, figure: "suggestionsLed", points: 50 });
    const frozen = await table();
    expect(frozen.published).toMatchObject({
      publishedAt: new Date("2028-01-20T02:00:00Z"),
      rules: ["接待日每次2分，最高20分；每月至少1次，未达到的月份每月扣2分", "领衔建议每件3分", "附议建议每件1.5分"],
    });
    expect(frozen.rows.map((r) => [r.name, r.score, r.rank])).toEqual([
      ["韦建国", 23.5, 1],
      ["李梅", 23, 2],
    ]);
    // His own record now shows the published score, each point explained, and the list follows it.
    const own = await inCounty((tx) => getDeputyRecord(tx, ctx(wei), { deputyId: weiId, year: 2027 }));
    expect(own.score).toMatchObject({ published: true, score: 23.5, rank: 1, of: 2 });
    expect(own.score!.lines[1]).toBe("领衔建议 2 件 × 3 分 = 6 分，计 6 分");
    const list = await inCounty((tx) => listDeputyRecords(tx, ctx(admin), { year: 2027 }));
    expect(list.rows.map((r) => r.score)).toEqual([23, 23.5]);
    expect(list.scoring.publishedAt).toEqual(new Date("2028-01-20T02:00:00Z"));
    // Unpublished: computed with today's rules (50 a suggestion led), and published again.
    await inCounty((tx) => unpublishScoreTable(tx, ctx(admin), { year: 2027 }));
    await expect(inCounty((tx) => unpublishScoreTable(tx, ctx(admin), { year: 2027 }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await table()).published).toBeNull();
    expect((await scores()).韦建国!.score).toBe(16 + 100 + 1.5);
    await inCounty((tx) => publishScoreTable(tx, ctx(admin), { year: 2027 }));
    expect((await table()).rows.map((r) => [r.name, r.score])).toEqual([
      ["韦建国", 117.5],
      ["李梅", 70],
    ]);
    const audit = await inCounty((tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, "scoring.table%")),
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      "scoring.table_published",
      "scoring.table_published",
      "scoring.table_unpublished",
    ]);
    // A year not yet begun cannot be published.
    await expect(inCounty((tx) => publishScoreTable(tx, ctx(admin), { year: 2029 }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("judges only the months that have ended in the current year", async () => {
    // 15 January 2028: no month of 2028 has ended, so no deduction for the year so far.
    const now = await scores(2028);
    expect(now.韦建国!.lines[0]).toBe("接待日 0 次 × 2 分 = 0 分；每月至少 1 次：本年尚无已结束的月份，计 0 分");
  });

  it("refuses bad rules in Chinese, nothing written", async () => {
    const before = await ruleCount();
    const bad: [Record<string, unknown>, string, string][] = [
      [{ figure: "receptions", points: 0 }, "points", "validation.scoringPointsRange"],
      [{ figure: "receptions", points: -2 }, "points", "validation.scoringPointsRange"],
      [{ figure: "receptions", points: 101 }, "points", "validation.scoringPointsRange"],
      [{ figure: "receptions", points: "0.25" }, "points", "validation.scoringPointsRange"],
      [{ figure: "receptions", points: "两分" }, "points", "validation.scoringPointsRange"],
      [{ figure: "receptions" }, "points", "validation.scoringPointsRange"],
      [{ figure: "salary", points: 2 }, "figure", "validation.scoringUnknownFigure"],
      [{ points: 2 }, "figure", "validation.scoringUnknownFigure"],
      [{ figure: "receptions", points: 5, cap: 4 }, "cap", "validation.scoringCapRange"],
      [{ figure: "receptions", points: 5, cap: 1001 }, "cap", "validation.scoringCapRange"],
      [
        { figure: "receptions", points: 5, monthlyMinimum: 1 },
        "monthlyDeduction",
        "validation.scoringMinimumNeedsDeduction",
      ],
      [
        { figure: "receptions", points: 5, monthlyDeduction: 1 },
        "monthlyMinimum",
        "validation.scoringDeductionNeedsMinimum",
      ],
      [
        { figure: "receptions", points: 5, monthlyMinimum: 0, monthlyDeduction: 1 },
        "monthlyMinimum",
        "validation.scoringMinimumRange",
      ],
      [
        { figure: "receptions", points: 5, monthlyMinimum: 1.5, monthlyDeduction: 1 },
        "monthlyMinimum",
        "validation.scoringMinimumRange",
      ],
      [
        { figure: "suggestionsLed", points: 5, monthlyMinimum: 1, monthlyDeduction: 1 },
        "monthlyMinimum",
        "validation.scoringNotMonthly",
      ],
      [
        { figure: "receptions", points: 5, monthlyMinimum: 1, monthlyDeduction: 0 },
        "monthlyDeduction",
        "validation.scoringDeductionRange",
      ],
    ];
    for (const [input, field, message] of bad) {
      const error = await save(input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify(input)).toBe(message);
    }
    // An edit refused leaves the rule as it was.
    await expect(save({ ruleId: ledRule, figure: "suggestionsLed", points: 500 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await inCounty((tx) => listScoringRules(tx, ctx(admin)))).find((r) => r.id === ledRule)?.points).toBe(50);
    expect(await ruleCount()).toBe(before);
    // Neither a township operator nor a deputy defines the county's rules or publishes its table.
    const township = memberOf(tenantId, "township_operator", [townshipId]);
    await expect(save({ figure: "visits", points: 1 }, township)).rejects.toThrow();
    await expect(save({ figure: "visits", points: 1 }, wei)).rejects.toThrow();
    await expect(inCounty((tx) => unpublishScoreTable(tx, ctx(wei), { year: 2027 }))).rejects.toThrow();
    expect(await ruleCount()).toBe(before);
  });

  it("never applies another county's rules, nor lets it touch these", async () => {
    // The other county's 100-point reception rule is not among these, and scores nothing here.
    expect((await inCounty((tx) => listScoringRules(tx, ctx(admin)))).map((r) => r.points)).not.toContain(100);
    const theirs = await other.inCounty((tx) => listScoringRules(tx, other.ctx(otherAdmin)));
    expect(theirs.map((r) => r.description)).toEqual(["接待日每次100分"]);
    await expect(
      other.inCounty((tx) =>
        saveScoringRule(tx, other.ctx(otherAdmin), { ruleId: ledRule, figure: "visits", points: 1 }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      other.inCounty((tx) => removeScoringRule(tx, other.ctx(otherAdmin), { ruleId: ledRule })),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Its 2027 is not published by ours, and ours is unchanged.
    expect(
      (await other.inCounty((tx) => getScoreTable(tx, other.ctx(otherAdmin), { year: 2027 }))).published,
    ).toBeNull();
    expect(await other.inCounty(async (tx) => (await tx.select({ n: count() }).from(deputyScoreTables))[0]!.n)).toBe(0);
    expect((await table()).rows.map((r) => r.score)).toEqual([117.5, 70]);
  });
});
