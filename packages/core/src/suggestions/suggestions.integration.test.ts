import type { Actor } from "@rdlink/auth";
import { auditLog, cases, deputies, suggestions, townships, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { createSession } from "./create-session";
import { enterSuggestion } from "./enter-suggestion";
import { getSession } from "./get-session";
import { importSuggestions } from "./import-suggestions";
import { listSessions } from "./list-sessions";
import { mySuggestions } from "./my-suggestions";
import { submitSuggestion } from "./submit-suggestion";
import { updateSession } from "./update-session";

/** A session's suggestion list as a congress office keeps it: a title row, then the header. */
async function sessionFile(rows: (string | null)[][]): Promise<{ name: string; bytes: Uint8Array }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("建议目录");
  sheet.addRow(["某区第十七届人民代表大会第三次会议代表建议目录"]);
  sheet.addRow(["建议编号", "建议标题", "建议内容", "类别", "界别", "领衔代表", "附议代表", "提出日期"]);
  for (const row of rows) sheet.addRow(row);
  return { name: "建议目录.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

const NOW = new Date("2027-01-12T02:00:00Z");

describe.each(testDrivers())("congress sessions and their suggestions on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: { actor: Actor; ip: null; clock: ManualClock };
  let deputyCtx: typeof admin;
  let ids: Record<"wei" | "li" | "zhang" | "mine", string>;
  let sessionId: string;
  let townshipName: string;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const written = async () => {
    const [[s], [c], [a]] = await Promise.all([
      inCounty((tx) => tx.select({ n: count() }).from(suggestions)),
      inCounty((tx) => tx.select({ n: count() }).from(cases)),
      inCounty((tx) => tx.select({ n: count() }).from(auditLog)),
    ]);
    return { suggestions: s!.n, cases: c!.n, audit: a!.n };
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107");
    tenantId = county.tenantId;
    const clock = new ManualClock(NOW);
    admin = { actor: county.admin, ip: null, clock };
    const deputy = await realMemberOf(t.db, tenantId, "deputy");
    deputyCtx = { actor: deputy, ip: null, clock };
    const { townshipId } = await inCounty((tx) => addTestStation(tx, "S1S2S3"));
    const [township] = await inCounty((tx) => tx.select().from(townships).where(eq(townships.id, townshipId)));
    townshipName = township!.name;
    const rows = await inCounty((tx) =>
      tx
        .insert(deputies)
        .values([
          { name: "韦建国", level: "county", townshipId },
          { name: "李娜", level: "county", townshipId },
          { name: "张强", level: "county", townshipId },
          { name: "黄丽", level: "county", townshipId, userId: deputy.userId },
        ])
        .returning({ id: deputies.id }),
    );
    ids = { wei: rows[0]!.id, li: rows[1]!.id, zhang: rows[2]!.id, mine: rows[3]!.id };
  });
  afterAll(() => t.drop());

  it("creates a session named by its 届次 and 会次, corrects it, and refuses a second one of the same", async () => {
    const session = await inCounty((tx) =>
      createSession(tx, admin, { term: "17", meeting: "3", opensOn: "2027-01-10", closesOn: "2027-01-13" }),
    );
    expect(session.name).toBe("第十七届人民代表大会第三次会议");
    sessionId = session.id;
    const updated = await inCounty((tx) =>
      updateSession(tx, admin, session.id, { term: 17, meeting: 3, opensOn: "2027-01-09", closesOn: "2027-01-13" }),
    );
    expect(updated).toMatchObject({ opensOn: "2027-01-09", name: "第十七届人民代表大会第三次会议" });
    await expect(
      inCounty((tx) =>
        createSession(tx, admin, { term: 17, meeting: 3, opensOn: "2027-01-10", closesOn: "2027-01-13" }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    const backwards = await refusal(
      inCounty((tx) =>
        createSession(tx, admin, { term: 17, meeting: 4, opensOn: "2028-01-10", closesOn: "2028-01-01" }),
      ),
    );
    expect((backwards as ValidationError).fieldErrors).toEqual({ closesOn: "validation.closesBeforeOpening" });
    expect((await inCounty((tx) => listSessions(tx, admin))).map((s) => [s.name, s.suggestions])).toEqual([
      ["第十七届人民代表大会第三次会议", 0],
    ]);
    // Only the congress office keeps sessions.
    await expect(inCounty((tx) => listSessions(tx, deputyCtx))).rejects.toThrow(/Not allowed/);
  });

  it("enters a suggestion on the county's suggestion workflow, found by its kind, with its deputies", async () => {
    // The county renamed its workflow's key in the designer: suggestions still find it.
    await inCounty((tx) => tx.update(workflows).set({ key: "jianyi" }).where(eq(workflows.key, "deputySuggestion")));
    const { caseId, number } = await inCounty((tx) =>
      enterSuggestion(tx, admin, sessionId, {
        number: "",
        title: "关于加快农村公路提质改造的建议",
        content: "建议加快农村公路提质改造，解决群众出行难",
        category: "transport",
        sector: "交通",
        leadDeputyId: ids.wei,
        coDeputyIds: `${ids.li},${ids.zhang}`,
        receivedOn: "2027-01-11",
      }),
    );
    expect(number).toBe("001");
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({
      kind: "suggestion",
      state: "assignment",
      title: "关于加快农村公路提质改造的建议",
      category: "transport",
      channel: "deputy",
      deputyIds: [ids.wei],
    });
    const [suggestion] = await inCounty((tx) => tx.select().from(suggestions).where(eq(suggestions.caseId, caseId)));
    expect(suggestion).toMatchObject({
      sessionId,
      number: "001",
      sector: "交通",
      receivedOn: "2027-01-11",
      leadDeputyId: ids.wei,
      coDeputyIds: [ids.li, ids.zhang],
      source: "staff",
    });
  });

  it("refuses a suggestion without a 领衔代表, with an unknown deputy or a taken number, writing nothing", async () => {
    const before = await written();
    const base = {
      sessionId,
      title: "关于改善学校周边交通的建议",
      content: "建议在学校门口增设红绿灯",
      leadDeputyId: ids.li,
    };
    const cases_: [Record<string, unknown>, Record<string, string>][] = [
      [{ ...base, leadDeputyId: "" }, { leadDeputyId: "validation.leadDeputyRequired" }],
      [{ ...base, leadDeputyId: crypto.randomUUID() }, { leadDeputyId: "validation.unknownDeputy" }],
      [{ ...base, coDeputyIds: crypto.randomUUID() }, { coDeputyIds: "validation.unknownDeputy" }],
      [{ ...base, coDeputyIds: ids.li }, { coDeputyIds: "validation.leadIsCoDeputy" }],
      [{ ...base, title: "  " }, { title: "validation.titleRequired" }],
      [{ ...base, leadDeputyId: `${ids.li},${ids.wei}` }, { leadDeputyId: "validation.oneLeadDeputy" }],
    ];
    for (const [input, fieldErrors] of cases_) {
      const error = await refusal(inCounty((tx) => enterSuggestion(tx, admin, sessionId, input)));
      expect(error, JSON.stringify(fieldErrors)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual(fieldErrors);
    }
    const taken = await refusal(inCounty((tx) => enterSuggestion(tx, admin, sessionId, { ...base, number: "001" })));
    expect(taken).toMatchObject({ message: "sessions.numberTaken", field: "number" });
    await expect(inCounty((tx) => enterSuggestion(tx, admin, crypto.randomUUID(), base))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await written()).toEqual(before);
  });

  it("lets a deputy hand in their own suggestion as its 领衔代表, with the next number, and see it", async () => {
    const { caseId, number } = await inCounty((tx) =>
      submitSuggestion(tx, deputyCtx, {
        sessionId,
        title: "关于增设村级卫生室的建议",
        content: "建议为偏远村屯增设卫生室",
        category: "health",
        coDeputyIds: ids.wei,
      }),
    );
    expect(number).toBe("002");
    const [suggestion] = await inCounty((tx) => tx.select().from(suggestions).where(eq(suggestions.caseId, caseId)));
    expect(suggestion).toMatchObject({
      leadDeputyId: ids.mine,
      coDeputyIds: [ids.wei],
      source: "deputy",
      receivedOn: "2027-01-12",
    });
    const mine = await inCounty((tx) => mySuggestions(tx, deputyCtx));
    expect(mine.suggestions.map((s) => [s.number, s.title, s.stateLabel["zh-CN"]])).toEqual([
      ["002", "关于增设村级卫生室的建议", "交办"],
    ]);
    // An account the county has not linked to a deputy, and staff, cannot.
    const stranger = { ...deputyCtx, actor: await realMemberOf(t.db, tenantId, "deputy") };
    const before = await written();
    const notLinked = await refusal(
      inCounty((tx) => submitSuggestion(tx, stranger, { sessionId, title: "某建议", content: "建议内容五个字" })),
    );
    expect(notLinked).toMatchObject({ formError: "sessions.notLinked" });
    await expect(
      inCounty((tx) => submitSuggestion(tx, admin, { sessionId, title: "某建议", content: "建议内容五个字" })),
    ).rejects.toThrow(/Not allowed/);
    expect(await written()).toEqual(before);
    const liaison = { ...admin, actor: memberOf(tenantId, "station_liaison") };
    await expect(inCounty((tx) => enterSuggestion(tx, liaison, sessionId, {}))).rejects.toThrow(/Not allowed/);
  });

  it("previews an import naming each bad row in the preview and writes nothing, then imports a clean file whole", async () => {
    const good = (n: number): (string | null)[] => [
      String(100 + n),
      `关于第${n}件事的建议`,
      `建议内容第${n}条，请有关部门研究办理`,
      n % 2 ? "农业农村" : "教育",
      "农业",
      n % 3 ? "韦建国" : `李娜（${townshipName}）`,
      n % 3 ? "李娜、张强" : null,
      "2027/1/11",
    ];
    const bad = await sessionFile([
      good(1),
      ["102", "关于某事的建议", "建议内容足够长了", "农业农村", null, "王不存在", null, null],
      ["103", "关于某事的建议", "建议内容足够长了", "农业农村", null, null, null, null],
      ["101", "关于某事的建议", "建议内容足够长了", "农业农村", null, "韦建国", "查无此人", null],
      ["001", null, "建议内容足够长了", "外星事务", null, "韦建国", null, "明年"],
      good(5),
    ]);
    const before = await written();
    const preview = await inCounty((tx) => importSuggestions(tx, admin, sessionId, bad, { dryRun: true }));
    expect(preview.rows).toBe(6);
    expect(preview.errors).toEqual([
      { row: 4, field: "leadDeputy", message: "sessions.import.unknownDeputy", value: "王不存在" },
      { row: 5, field: "leadDeputy", message: "sessions.import.leadMissing" },
      { row: 6, field: "number", message: "sessions.import.numberRepeated", value: "101" },
      { row: 6, field: "coDeputies", message: "sessions.import.unknownDeputy", value: "查无此人" },
      { row: 7, field: "number", message: "sessions.import.numberTaken", value: "001" },
      { row: 7, field: "title", message: "sessions.import.titleMissing" },
      { row: 7, field: "category", message: "sessions.import.unknownCategory", value: "外星事务" },
      { row: 7, field: "receivedOn", message: "validation.invalidDate", value: "明年" },
    ]);
    // Confirming a file with errors writes nothing either.
    const refused = await inCounty((tx) => importSuggestions(tx, admin, sessionId, bad));
    expect(refused).toMatchObject({ imported: 0, errors: preview.errors });
    expect(await written()).toEqual(before);

    const clean = await sessionFile(Array.from({ length: 30 }, (_, i) => good(i + 1)));
    expect(await inCounty((tx) => importSuggestions(tx, admin, sessionId, clean, { dryRun: true }))).toEqual({
      imported: 0,
      rows: 30,
      errors: [],
    });
    expect(await inCounty((tx) => importSuggestions(tx, admin, sessionId, clean))).toEqual({
      imported: 30,
      rows: 30,
      errors: [],
    });
    const after = await written();
    expect(after.suggestions - before.suggestions).toBe(30);
    expect(after.cases - before.cases).toBe(30);
    const [third] = await inCounty((tx) => tx.select().from(suggestions).where(eq(suggestions.number, "103")));
    expect(third).toMatchObject({ leadDeputyId: ids.li, coDeputyIds: [], receivedOn: "2027-01-11", source: "import" });
    const [first] = await inCounty((tx) => tx.select().from(suggestions).where(eq(suggestions.number, "101")));
    expect(first!.coDeputyIds).toEqual([ids.li, ids.zhang]);
    // The same file again: every number is taken now.
    const again = await inCounty((tx) => importSuggestions(tx, admin, sessionId, clean, { dryRun: true }));
    expect(again.errors.filter((e) => e.message === "sessions.import.numberTaken")).toHaveLength(30);
  });

  it("lists the session's suggestions in number order with their 领衔代表 and step, filtered by category", async () => {
    const { suggestions: all } = await inCounty((tx) => getSession(tx, admin, sessionId));
    expect(all).toHaveLength(32);
    expect(all.slice(0, 3).map((s) => [s.number, s.leadDeputyName, s.stateLabel["zh-CN"]])).toEqual([
      ["001", "韦建国", "交办"],
      ["002", "黄丽", "交办"],
      ["101", "韦建国", "交办"],
    ]);
    const agriculture = await inCounty((tx) => getSession(tx, admin, sessionId, { category: "agriculture" }));
    expect(agriculture.suggestions).toHaveLength(15);
    expect(agriculture.suggestions.every((s) => s.category === "agriculture")).toBe(true);
    expect((await inCounty((tx) => listSessions(tx, admin)))[0]!.suggestions).toBe(32);
    await expect(inCounty((tx) => getSession(tx, admin, crypto.randomUUID()))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a file that is not a spreadsheet or has no header, writing nothing", async () => {
    const before = await written();
    await expect(
      inCounty((tx) => importSuggestions(tx, admin, sessionId, { name: "x.xlsx", bytes: new Uint8Array([1, 2, 3]) })),
    ).rejects.toMatchObject({ formError: "errors.sheetFormat" });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("x").addRow(["甲", "乙"]);
    const headless = { name: "x.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    await expect(inCounty((tx) => importSuggestions(tx, admin, sessionId, headless))).rejects.toMatchObject({
      formError: "sessions.import.noHeader",
    });
    expect(await written()).toEqual(before);
  });
});
