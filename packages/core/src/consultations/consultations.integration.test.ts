import type { Actor } from "@rdlink/auth";
import { cases, consultationArticles, consultationComments, consultations, type TenantTx } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { ConflictError, IdempotencyKeyReusedError, NotFoundError, ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { draftDocx, draftParagraphs } from "../testing/draft-docx";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { closeConsultation } from "./close-consultation";
import { consultationSummary, exportConsultationSummary } from "./consultation-summary";
import { getConsultation } from "./get-consultation";
import { getConsultationFigures } from "./get-consultation-figures";
import { getPublicConsultation } from "./get-public-consultation";
import { markFates } from "./mark-fates";
import { mergeComments } from "./merge-comments";
import { openConsultation } from "./open-consultation";
import { recordOfflineComment } from "./record-offline-comment";
import { saveArticleOpinion } from "./save-article-opinion";
import { splitDraft } from "./split-draft";
import { submitComment } from "./submit-comment";
import { trackComment } from "./track-comment";

// 10:00 in Shanghai, 2027-03-01; the draft takes comments until 2027-03-15.
const NOW = new Date("2027-03-01T02:00:00Z");
const CLOSES_ON = "2027-03-15";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("splitDraft", () => {
  it("splits on 第…章 and 第…条 at the start of a line, leaving out the title and references inside articles", () => {
    const articles = splitDraft(
      [
        "某某市物业管理条例（草案）",
        "第一章　总则",
        "第一条　为了规范物业管理活动，制定本条例。",
        "第二条 本条例适用于本市行政区域内的物业管理。",
        "依照本条例第一条的规定执行。",
        "第二章 业主",
        "第一节 业主大会",
        "第三条之一",
        "业主大会由全体业主组成。",
      ].join("\n"),
    );
    expect(articles).toEqual([
      { chapter: "第一章 总则", heading: "第一条", body: "为了规范物业管理活动，制定本条例。" },
      {
        chapter: "第一章 总则",
        heading: "第二条",
        body: "本条例适用于本市行政区域内的物业管理。\n依照本条例第一条的规定执行。",
      },
      { chapter: "第二章 业主 第一节 业主大会", heading: "第三条之一", body: "业主大会由全体业主组成。" },
    ]);
  });

  it("refuses a text without a single 第…条", () => {
    const error = refusal(Promise.resolve().then(() => splitDraft("关于征求意见的通知\n请于三月底前反馈。")));
    return expect(error).resolves.toMatchObject({ fieldErrors: { text: "consultations.errors.noArticles" } });
  });

  it("reads the 30 articles of a generated draft's paragraphs", () => {
    const articles = splitDraft(draftParagraphs("某某条例（草案）", 30).join("\n"));
    expect(articles).toHaveLength(30);
    expect(articles[29]).toMatchObject({ heading: "第三十条", chapter: "第三章 第3部分" });
    expect(articles[4]!.body).toBe("本条规定第5项事务的办理要求。\n有关部门应当在第5项事务办结后十日内公开结果。");
  });
});

describe.each(testDrivers())("draft-law consultations on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let stationId: string;
  let townshipId: string;
  let admin: { actor: Actor; ip: null; clock: ManualClock };
  const clock = new ManualClock(NOW);
  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => t.db.withTenant(tenantId, work);
  const written = () =>
    inCounty(async (tx) => {
      const [[k], [a], [c], [s]] = await Promise.all([
        tx.select({ n: count() }).from(consultations),
        tx.select({ n: count() }).from(consultationArticles),
        tx.select({ n: count() }).from(consultationComments),
        tx.select({ n: count() }).from(cases),
      ]);
      return { consultations: k!.n, articles: a!.n, comments: c!.n, cases: s!.n };
    });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = { actor: county.admin, ip: null, clock };
    ({ stationId, townshipId } = await inCounty((tx) => addTestStation(tx, "LF7Q2M")));
  }, 120_000);
  afterAll(() => t.drop());

  const open = async (file: { name: string; bytes: Uint8Array } | null, text?: string) =>
    inCounty((tx) =>
      openConsultation(
        tx,
        admin,
        { stationId, title: "某某条例（草案）", issuingBody: "省人大常委会法工委", closesOn: CLOSES_ON, text },
        file,
      ),
    );
  let shownAt = NOW;
  /** A comment as the public page sends it: a puzzle solved in the browser, a fresh key. */
  const comment = async (code: string, form: Record<string, unknown>, key = crypto.randomUUID()) => {
    const altcha = await solvedChallenge(new Date(shownAt.getTime() - 10_000));
    clock.advance(1_000); // one after the other, as people send them
    return t.db.withoutTenant((tx) =>
      submitComment(tx, code, {
        form: { ...form, altcha },
        intakeKey: key,
        secret: TEST_INTAKE_SECRET,
        now: clock.now(),
      }),
    );
  };

  it("opens a consultation from a .docx of 30 articles as a case of the workflow of kind consultation", async () => {
    const bytes = await draftDocx("某某条例（草案）", 30);
    const opened = await open({ name: "某某条例（草案）.docx", bytes });
    expect(opened.articleCount).toBe(30);
    const page = await t.db.withoutTenant((tx) => getPublicConsultation(tx, opened.publicCode, clock.now()));
    expect(page.articles).toHaveLength(30);
    expect(page.articles[0]).toMatchObject({ heading: "第一条", chapter: "第一章 第1部分" });
    expect(page.closed).toBe(false);
    const [kase] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, opened.caseId)));
    expect(kase).toMatchObject({ stationId, townshipId, title: "某某条例（草案）", kind: "consultation" });
  });

  it("refuses a file that is not a .docx, and a text without 第…条, writing nothing", async () => {
    const before = await written();
    const pdf = new TextEncoder().encode("%PDF-1.7 …");
    await expect(refusal(open({ name: "草案.pdf", bytes: pdf }))).resolves.toMatchObject({
      fieldErrors: { file: "consultations.errors.notDocx" },
    });
    // A zip named .docx that Word did not write.
    const zipOnly = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    await expect(refusal(open({ name: "草案.docx", bytes: zipOnly }))).resolves.toMatchObject({
      fieldErrors: { file: "consultations.errors.notDocx" },
    });
    await expect(refusal(open(null, "关于征求意见的通知\n请于三月底前反馈。"))).resolves.toMatchObject({
      fieldErrors: { text: "consultations.errors.noArticles" },
    });
    await expect(refusal(open(null, "  "))).resolves.toBeInstanceOf(ValidationError);
    expect(await written()).toEqual(before);
  });

  it("keeps another township's liaison out: the station is not theirs", async () => {
    const other = { ...admin, actor: memberOf(tenantId, "station_liaison", [crypto.randomUUID()]) };
    const error = await refusal(
      inCounty((tx) =>
        openConsultation(tx, other, {
          stationId,
          title: "草案",
          issuingBody: "法工委",
          closesOn: CLOSES_ON,
          text: "第一条 内容",
        }),
      ),
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("takes public comments until it closes, groups them by article, merges duplicates and feeds back their fate", async () => {
    const opened = await open(null, "某某条例（草案）\n第一章 总则\n第一条 目的。\n第二条 范围。\n第三条 职责。");
    const view = await inCounty((tx) => getConsultation(tx, admin.actor, opened.id, clock.now()));
    const [first, second] = view.articles;
    shownAt = clock.now();
    const a = await comment(opened.publicCode, { articleId: first!.id, content: "建议写明立法目的中的“群众”范围" });
    const b = await comment(opened.publicCode, {
      articleId: first!.id,
      content: "群众范围要写清楚",
      submitterName: "李四",
      submitterPhone: "13800138000",
      consent: "on",
    });
    const whole = await comment(opened.publicCode, { content: "整体赞成，建议增加罚则" });
    // A name without consent is refused.
    await expect(
      refusal(comment(opened.publicCode, { content: "意见", submitterName: "王五" })),
    ).resolves.toMatchObject({ fieldErrors: { consent: "validation.consentRequired" } });
    // The same key again: the same code for the same text, a refusal for other text.
    const key = crypto.randomUUID();
    const c = await comment(opened.publicCode, { articleId: second!.id, content: "范围过窄" }, key);
    expect((await comment(opened.publicCode, { articleId: second!.id, content: "范围过窄" }, key)).trackingCode).toBe(
      c.trackingCode,
    );
    await expect(
      refusal(comment(opened.publicCode, { articleId: second!.id, content: "范围过宽" }, key)),
    ).resolves.toBeInstanceOf(IdempotencyKeyReusedError);
    // An article of another consultation is not this draft's.
    await expect(
      refusal(comment(opened.publicCode, { articleId: crypto.randomUUID(), content: "x" })),
    ).resolves.toBeInstanceOf(ValidationError);

    await inCounty((tx) =>
      recordOfflineComment(tx, admin, opened.id, {
        articleId: first!.id,
        content: "小板凳茶话会：群众范围应包括流动人口",
        channel: "teaTalk",
        peopleCount: 12,
      }),
    );
    await expect(
      refusal(
        inCounty((tx) =>
          recordOfflineComment(tx, admin, opened.id, { content: "x", channel: "teaTalk", peopleCount: 0 }),
        ),
      ),
    ).resolves.toBeInstanceOf(ValidationError);

    const grouped = await inCounty((tx) => getConsultation(tx, admin.actor, opened.id, clock.now()));
    expect(grouped.totals).toEqual({ comments: 5, people: 16, marked: 0 });
    expect(grouped.wholeDraft.map((x) => x.content)).toEqual(["整体赞成，建议增加罚则"]);
    expect(grouped.articles[0]!.comments).toHaveLength(3);
    expect(grouped.articles[1]!.comments).toHaveLength(1);
    // Phones never leave core in the staff view.
    expect(JSON.stringify(grouped)).not.toContain("13800138000");

    // Merge the second and the tea talk into the first: one line of 14 people.
    const [ca, cb, tea] = grouped.articles[0]!.comments;
    await inCounty((tx) => mergeComments(tx, admin, opened.id, { keepId: ca!.id, duplicateIds: [cb!.id, tea!.id] }));
    await expect(
      refusal(inCounty((tx) => mergeComments(tx, admin, opened.id, { keepId: cb!.id, duplicateIds: [ca!.id] }))),
    ).resolves.toMatchObject({ fieldErrors: { keepId: "consultations.errors.keepIsDuplicate" } });
    await inCounty((tx) =>
      saveArticleOpinion(tx, admin, opened.id, { articleId: first!.id, opinion: "建议明确群众范围" }),
    );
    const summary = await inCounty((tx) => consultationSummary(tx, admin.actor, opened.id, clock.now()));
    expect(summary.rows).toEqual([
      { heading: "总体意见", original: "", comment: "整体赞成，建议增加罚则", people: 1, opinion: "", fate: "" },
      {
        heading: "第一条",
        original: "目的。",
        comment: "建议写明立法目的中的“群众”范围",
        people: 14,
        opinion: "建议明确群众范围",
        fate: "",
      },
      { heading: "第二条", original: "范围。", comment: "范围过窄", people: 1, opinion: "", fate: "" },
    ]);

    // Staff close it: the page says so and refuses comments, writing nothing.
    await inCounty((tx) => closeConsultation(tx, admin, opened.id));
    await expect(refusal(inCounty((tx) => closeConsultation(tx, admin, opened.id)))).resolves.toBeInstanceOf(
      ConflictError,
    );
    const before = await written();
    await expect(refusal(comment(opened.publicCode, { content: "晚到的意见" }))).resolves.toMatchObject({
      formError: "consultations.errors.closed",
    });
    expect(await written()).toEqual(before);

    // Feedback: the kept comment adopted (its duplicates with it), the whole-draft one not.
    const marked = await inCounty((tx) =>
      markFates(tx, admin, opened.id, { commentIds: [ca!.id], fate: "adopted", reason: "已在第一条中增加" }),
    );
    expect(marked.marked).toBe(3);
    await inCounty((tx) =>
      markFates(tx, admin, opened.id, {
        commentIds: [grouped.wholeDraft[0]!.id, grouped.articles[1]!.comments[0]!.id],
        fate: "notAdopted",
        reason: "罚则由上位法规定",
      }),
    );
    await expect(
      refusal(inCounty((tx) => markFates(tx, admin, opened.id, { commentIds: [ca!.id], fate: "maybe" }))),
    ).resolves.toBeInstanceOf(ValidationError);
    const tracked = await t.db.withoutTenant((tx) => trackComment(tx, b.trackingCode));
    expect(tracked).toMatchObject({ heading: "第一条", fate: "adopted", fateReason: "已在第一条中增加" });
    expect(JSON.stringify(tracked)).not.toContain("13800138000");
    expect(await t.db.withoutTenant((tx) => trackComment(tx, whole.trackingCode))).toMatchObject({
      heading: null,
      fate: "notAdopted",
    });
    expect((await t.db.withoutTenant((tx) => trackComment(tx, a.trackingCode))).fate).toBe("adopted");

    const { bytes } = await inCounty((tx) => exportConsultationSummary(tx, admin.actor, opened.id, clock.now()));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("意见汇总表")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "条款",
      "草案原文",
      "意见建议",
      "人次",
      "联系点意见",
      "采纳情况",
    ]);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      "第一条",
      "目的。",
      "建议写明立法目的中的“群众”范围",
      14,
      "建议明确群众范围",
      "采纳",
    ]);

    // The dashboard: this township in 2027, both consultations (the 30-article one has none).
    const figures = await inCounty((tx) => getConsultationFigures(tx, admin, { year: 2027 }));
    expect(figures).toEqual([
      expect.objectContaining({ townshipId, year: 2027, consultations: 2, comments: 5, people: 16, adopted: 3 }),
    ]);
    expect(await inCounty((tx) => getConsultationFigures(tx, admin, { year: 2026 }))).toEqual([]);
  });

  it("refuses comments once the last day is over by the app clock", async () => {
    const opened = await open(null, "第一条 目的。");
    clock.set(new Date("2027-03-15T15:59:00Z")); // 23:59 on the last day in Shanghai
    shownAt = clock.now();
    await comment(opened.publicCode, { content: "赶在最后一天" });
    clock.set(new Date("2027-03-15T16:00:00Z")); // midnight: the 16th
    shownAt = clock.now();
    const before = await written();
    await expect(refusal(comment(opened.publicCode, { content: "晚了" }))).resolves.toMatchObject({
      formError: "consultations.errors.closed",
    });
    expect(await written()).toEqual(before);
    expect((await t.db.withoutTenant((tx) => getPublicConsultation(tx, opened.publicCode, clock.now()))).closed).toBe(
      true,
    );
    clock.set(NOW);
  });
});
