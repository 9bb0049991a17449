import type { Actor } from "@rdlink/auth";
import { cases, deputies, deputyPairs, deputyStations, files, notifications, pairVisits } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCase } from "../cases/get-case";
import { ManualClock } from "../clock";
import { getDeputyRecord } from "../deputy-records/get-deputy-record";
import { StagedFiles } from "../files/staged-files";
import { NotFoundError, ValidationError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { caseSteps } from "../testing/case-steps";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { createPair } from "./create-pair";
import { listPairs } from "./list-pairs";
import { myPairs } from "./my-pairs";
import { monthsBefore } from "./pair-input";
import { recordVisit } from "./record-visit";
import { remindOverdueVisits } from "./remind-overdue-visits";

/**
 * 双联 (decision 0028): a township pairs its deputy 韦建国 with three households; he records
 * visits from his phone, one raising an opinion of channel 双联; the list finds the pairs
 * without a visit in the last N months by the app's clock, and 提醒走访 rings his bell.
 */
describe.each(testDrivers())("双联 pairs and visits on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let operator: Actor;
  let wei: Actor;
  let weiId: string;
  let liId: string;
  let townshipId: string;
  let stationId: string;
  let foreignDeputyId: string;
  const pairIds: Record<string, string> = {};
  const clock = new ManualClock(new Date("2027-06-15T02:00:00Z"));
  const { ctx, inCounty, refusal } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const staged = () => new StagedFiles("/tmp/rdlink-test-files");
  const png = async () => ({
    bytes: new Uint8Array(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: "#c33" } })
        .png()
        .toBuffer(),
    ),
    filename: "visit.png",
  });
  const visit = (actor: Actor, input: Record<string, unknown>, photos: Awaited<ReturnType<typeof png>>[] = []) =>
    inCounty((tx) => recordVisit(tx, ctx(actor), input, photos, staged()));
  const count = async (table: typeof pairVisits | typeof deputyPairs | typeof cases) =>
    (await inCounty((tx) => tx.select({ id: table.id }).from(table))).length;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "321281", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "SL0001")));
    operator = await realMemberOf(t.db, tenantId, "township_operator", [townshipId]);
    wei = await realMemberOf(t.db, tenantId, "deputy", [townshipId]);
    await inCounty(async (tx) => {
      const rows = await tx
        .insert(deputies)
        .values([
          { name: "韦建国", level: "county", townshipId, userId: wei.userId },
          { name: "李梅", level: "county", townshipId },
        ])
        .returning({ id: deputies.id });
      [weiId, liId] = rows.map((r) => r.id) as [string, string];
      await tx.insert(deputyStations).values({ deputyId: weiId, stationId });
    });
    const other = await onboardTestCounty(t.db, "321282", clock);
    await t.db.withTenant(other.tenantId, async (tx) => {
      const { townshipId: theirs } = await addTestStation(tx, "OT0001");
      const [row] = await tx
        .insert(deputies)
        .values({ name: "外县代表", level: "county", townshipId: theirs })
        .returning({ id: deputies.id });
      foreignDeputyId = row!.id;
    });
  });
  afterAll(() => t.drop());

  it("pairs a deputy of the township with each of the three kinds; phones masked", async () => {
    const pair = (actor: Actor, input: Record<string, unknown>) => inCounty((tx) => createPair(tx, ctx(actor), input));
    pairIds.child = (
      await pair(operator, {
        deputyId: weiId,
        kind: "child",
        householdName: "留守儿童王小明",
        address: "昭阳街道南门社区12号",
        community: "南门社区",
        phone: "13812345678",
      })
    ).id;
    pairIds.lowIncome = (
      await pair(operator, {
        deputyId: weiId,
        kind: "lowIncome",
        householdName: "低收入户张大山",
        address: "北郊村3组",
      })
    ).id;
    pairIds.business = (
      await pair(admin, { deputyId: liId, kind: "business", householdName: "兴化香葱种植合作社", address: "垛田" })
    ).id;
    const { rows } = await inCounty((tx) => listPairs(tx, ctx(operator), {}));
    expect(rows.map((r) => [r.deputyName, r.householdName])).toEqual([
      ["李梅", "兴化香葱种植合作社"],
      ["韦建国", "留守儿童王小明"],
      ["韦建国", "低收入户张大山"],
    ]);
    expect(rows.find((r) => r.id === pairIds.child)!.phone).toBe("138****5678");
  });

  it("refuses a deputy of another county, of another township, or a kind unknown: nothing written", async () => {
    const before = await count(deputyPairs);
    const input = { kind: "child", householdName: "某某", address: "某地" };
    const foreign = await refusal(
      inCounty((tx) => createPair(tx, ctx(admin), { ...input, deputyId: foreignDeputyId })),
    );
    expect(foreign).toBeInstanceOf(ValidationError);
    expect((foreign as ValidationError).fieldErrors).toEqual({ deputyId: "pairs.errors.unknownDeputy" });
    const elsewhere = memberOf(tenantId, "township_operator", [crypto.randomUUID()]);
    const notTheirs = await refusal(inCounty((tx) => createPair(tx, ctx(elsewhere), { ...input, deputyId: weiId })));
    expect((notTheirs as ValidationError).fieldErrors).toEqual({ deputyId: "pairs.errors.unknownDeputy" });
    const kind = await refusal(
      inCounty((tx) => createPair(tx, ctx(admin), { ...input, deputyId: weiId, kind: "orphanage" })),
    );
    expect((kind as ValidationError).fieldErrors).toEqual({ kind: "pairs.errors.unknownKind" });
    // A deputy cannot pair themselves.
    await expect(inCounty((tx) => createPair(tx, ctx(wei), { ...input, deputyId: weiId }))).rejects.toThrow();
    expect(await count(deputyPairs)).toBe(before);
  });

  it("records a visit with a photo, and refuses one dated after today (by the app's clock)", async () => {
    const { visitId, caseId } = await visit(
      wei,
      {
        pairId: pairIds.lowIncome,
        visitedOn: "2027-06-10",
        form: "home",
        learned: "家中老人腿脚不便，希望有人定期上门",
      },
      [await png()],
    );
    expect(caseId).toBeNull();
    const [row] = await inCounty((tx) => tx.select().from(pairVisits).where(eq(pairVisits.id, visitId)));
    expect(row).toMatchObject({ deputyId: weiId, form: "home", visitedOn: "2027-06-10" });
    expect(row!.photoIds).toHaveLength(1);
    expect(await inCounty((tx) => tx.select().from(files).where(eq(files.id, row!.photoIds[0]!)))).toHaveLength(1);

    const visits = await count(pairVisits);
    const future = await refusal(
      visit(wei, { pairId: pairIds.child, visitedOn: "2027-06-16", form: "home", learned: "明天的走访" }),
    );
    expect((future as ValidationError).fieldErrors).toEqual({ visitedOn: "pairs.errors.visitInFuture" });
    // Another deputy's pair, or no deputy at all, is not found.
    const other = await realMemberOf(t.db, tenantId, "deputy", [townshipId]);
    const input = { pairId: pairIds.business, visitedOn: "2027-06-10", form: "group", learned: "集中座谈" };
    await expect(visit(wei, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(visit(other, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await count(pairVisits)).toBe(visits);
  });

  it("raises an opinion of channel 双联 from a visit in the same step; the visit links to the case", async () => {
    const casesBefore = await count(cases);
    const { visitId, caseId } = await visit(wei, {
      pairId: pairIds.child,
      visitedOn: "2027-06-14",
      form: "invited",
      learned: "孩子放学后无人看护",
      raiseOpinion: "on",
      opinionContent: "社区希望开设四点半课堂，解决留守儿童放学后看护问题",
      category: "education",
    });
    expect(caseId).not.toBeNull();
    expect(await count(cases)).toBe(casesBefore + 1);
    const [kase] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId!)));
    expect(kase).toMatchObject({ channel: "pair", kind: "opinion", stationId, category: "education" });
    const [row] = await inCounty((tx) => tx.select().from(pairVisits).where(eq(pairVisits.id, visitId)));
    expect(row!.caseId).toBe(caseId);
    // He sees the case he raised, and his page shows the link.
    const seen = await inCounty((tx) => getCase(tx, ctx(wei), caseId!));
    expect(seen.case.channel).toBe("pair");
    const mine = await inCounty((tx) => myPairs(tx, ctx(wei)));
    expect(mine.pairs.find((p) => p.id === pairIds.child)!.visits[0]).toMatchObject({
      caseId,
      visitedOn: "2027-06-14",
    });

    // An opinion too short refuses the visit as well: nothing written.
    const visits = await count(pairVisits);
    const short = await refusal(
      visit(wei, {
        pairId: pairIds.child,
        visitedOn: "2027-06-14",
        form: "home",
        learned: "再次走访",
        raiseOpinion: "on",
        opinionContent: "短",
        category: "education",
      }),
    );
    expect(short).toBeInstanceOf(ValidationError);
    expect(await count(pairVisits)).toBe(visits);
    expect(await count(cases)).toBe(casesBefore + 1);
  });

  it("lists the pairs without a visit in the last N months, counted from the app's clock", async () => {
    expect(monthsBefore("2027-05-31", 3)).toBe("2027-02-28");
    expect(monthsBefore("2028-05-31", 3)).toBe("2028-02-29");
    expect(monthsBefore("2027-01-15", 2)).toBe("2026-11-15");
    const overdue = async (months: unknown) =>
      (await inCounty((tx) => listPairs(tx, ctx(operator), { months, overdue: "1" }))).rows.map((r) => r.householdName);
    // 15 June 2027: both of his were visited this month; hers never.
    expect(await overdue("")).toEqual(["兴化香葱种植合作社"]);
    // Four months on, his are three months and more without a visit.
    clock.set(new Date("2027-10-15T02:00:00Z"));
    expect(await overdue(3)).toEqual(["兴化香葱种植合作社", "留守儿童王小明", "低收入户张大山"]);
    expect(await overdue(5)).toEqual(["兴化香葱种植合作社"]);
    // A page at a time: the total counts every overdue pair, the page holds its share, each with its visits.
    const second = await inCounty((tx) =>
      listPairs(tx, ctx(operator), { months: 3, overdue: "1", page: 2, pageSize: 2 }),
    );
    expect([second.total, second.rows.map((r) => [r.householdName, r.visits, r.lastVisit])]).toEqual([
      3,
      [["低收入户张大山", 1, "2027-06-10"]],
    ]);
    await expect(overdue("abc")).rejects.toBeInstanceOf(ValidationError);
    await expect(overdue(0)).rejects.toBeInstanceOf(ValidationError);
  });

  it("提醒走访 rings the bell of each deputy with an account, one notification per overdue pair", async () => {
    const result = await inCounty((tx) => remindOverdueVisits(tx, ctx(operator), { months: 3 }));
    expect(result).toEqual({ pairs: 3, reminded: 2, deputies: 1 });
    const bell = await inCounty((tx) => tx.select().from(notifications).where(eq(notifications.userId, wei.userId)));
    expect(bell.map((n) => [n.template, n.params.household, n.params.months]).sort()).toEqual([
      ["pair.visitDue", "低收入户张大山", "3"],
      ["pair.visitDue", "留守儿童王小明", "3"],
    ]);
    await expect(inCounty((tx) => remindOverdueVisits(tx, ctx(wei), {}))).rejects.toThrow();
    clock.set(new Date("2027-06-15T02:00:00Z"));
  });

  it("counts the visits of the year in his 履职档案", async () => {
    const { record } = await inCounty((tx) => getDeputyRecord(tx, ctx(admin), { deputyId: weiId, year: 2027 }));
    expect(record.pairVisits).toBe(2);
    expect(
      (await inCounty((tx) => getDeputyRecord(tx, ctx(admin), { deputyId: weiId, year: 2026 }))).record.pairVisits,
    ).toBe(0);
  });
});
