import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { draftDocx } from "@rdlink/core/testing/draft-docx";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import ExcelJS from "exceljs";
import { UNSAFE_decodeViaTurboStream } from "react-router";
import { dashboardFigures, openMenuEntry, signIn, waitForHydration } from "./support";

/** Every person's browser context in a test, closed after it. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A run's own addresses: each phone is a different person behind the proxy (X-Forwarded-For). */
const run = Date.now() % 200;
const phoneAddress = (n: number) => `10.${100 + (run % 50)}.${Math.floor(n / 250)}.${(n % 250) + 1}`;

async function phone(browser: Browser, n: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: { "X-Forwarded-For": phoneAddress(n) },
  });
  contexts.push(context);
  return context.newPage();
}

/**
 * The puzzle a phone gets with the page (its loader's data, as the page's script reads it on a
 * navigation), solved as its script would: the same SHA-256 proof of work, here in Node.
 */
async function solvedPuzzle(phone: APIRequestContext, url: string): Promise<string> {
  const answer = await phone.get(`${url}.data`);
  expect(answer.status()).toBe(200);
  const decoded = await UNSAFE_decodeViaTurboStream(
    new Blob([new Uint8Array(await answer.body())]).stream() as ReadableStream<Uint8Array>,
    globalThis,
  );
  await decoded.done;
  const { challenge } = (decoded.value as Record<string, { data: { challenge: Challenge } }>)[
    "routes/public/consultation"
  ]!.data;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it stands: no serious or critical violation. */
async function expectAccessible(page: Page, what: string) {
  await waitForHydration(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const grave = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(grave, what).toEqual([]);
}

/** The form as the comment page posts it: its key, the solved puzzle, the empty honeypot, the comment. */
const commentForm = (altcha: string, articleId: string, content: string) => ({
  intakeKey: crypto.randomUUID(),
  altcha,
  website: "",
  articleId,
  content,
});

test("a contact point puts a 30-article .docx out for comments, sums up 50 comments and reports back what was adopted", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(200_000);
  const title = `南宁市物业管理条例（草案）${Date.now()}`;
  const liaisonContext = await browser.newContext();
  contexts.push(liaisonContext);
  const liaison = await liaisonContext.newPage();
  await signIn(liaison, "xxt-liaison");
  // The county's dashboard before: 立法意见征集 of 金陵镇 (consultations, comments, people, adopted).
  const adminContext = await browser.newContext();
  contexts.push(adminContext);
  const admin = await adminContext.newPage();
  await signIn(admin, "xxt-admin");
  const figuresBefore = (await dashboardFigures(admin, "dashboard-consultations", "金陵镇")) ?? [0, 0, 0, 0];
  await openMenuEntry(liaison, "立法意见征集");
  await expect(liaison).toHaveURL(/\/county\/consultations$/);
  await waitForHydration(liaison);

  // Opened from a Word file of 30 articles in three chapters.
  await liaison.getByRole("button", { name: "发起征求意见" }).click();
  const dialog = liaison.getByRole("dialog", { name: "发起征求意见" });
  await expect(async () => {
    const station = dialog.getByRole("combobox", { name: "立法联系点" });
    if (!(await liaison.getByRole("option", { name: "金陵镇基层立法联系点" }).isVisible())) await station.click();
    await liaison.getByRole("option", { name: "金陵镇基层立法联系点" }).click({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await dialog.getByLabel("草案名称").fill(title);
  await dialog.getByLabel("征求意见机关").fill("省人大常委会法工委");
  await dialog.getByLabel("截止日期").fill("2099-12-31");
  // A notice without a single 第…条, then a PDF: each refused in Chinese, nothing opened.
  await dialog.getByLabel("草案全文").fill("关于征求《南宁市物业管理条例（草案）》意见的通知\n请于月底前反馈。");
  await dialog.getByRole("button", { name: "发布并开始征集" }).click();
  await expect(dialog).toContainText("草案中没有找到“第…条”，无法逐条征求意见。请检查草案文本");
  const fileInput = dialog.locator('input[type="file"][name="file"]');
  await fileInput.setInputFiles({ name: "草案.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") });
  await dialog.getByRole("button", { name: "发布并开始征集" }).click();
  await expect(dialog).toContainText("只能上传 Word 的 .docx 文件（.doc、PDF 等请先另存为 .docx）");
  await expect(liaison).toHaveURL(/\/county\/consultations$/);
  await fileInput.setInputFiles({
    name: "物业管理条例（草案）.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: Buffer.from(await draftDocx(title, 30)),
  });
  await dialog.getByRole("button", { name: "发布并开始征集" }).click();
  await expect(liaison).toHaveURL(/\/county\/consultations\/[0-9a-f-]{36}$/);
  const consultationUrl = new URL(liaison.url()).pathname;
  await expect(liaison.getByTestId("article")).toHaveCount(30);
  const publicUrl = new URL((await liaison.getByTestId("public-link").textContent())!).pathname;

  // 37 people open the page on their phones (each behind its own address); each gets its puzzle and solves it.
  const phones = await Promise.all(
    Array.from({ length: 38 }, (_, i) =>
      playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": phoneAddress(3 + i) } }),
    ),
  );
  const puzzles = await Promise.all(phones.map((p) => solvedPuzzle(p, publicUrl)));

  // Three people comment through the page on their phones; the first leaves a name and number.
  const first = await phone(browser, 0);
  await first.goto(publicUrl);
  await expect(first.getByTestId("draft-article")).toHaveCount(30);
  await expectAccessible(first, "the comment page on a phone");
  // The articles' ids as the page's picker holds them ("" is the whole draft).
  const articleIds = await first
    .getByLabel("针对条款")
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(articleIds).toHaveLength(31);
  await first.getByRole("link", { name: "对第一条提意见" }).click();
  await expect(first.getByLabel("针对条款")).toHaveValue(/[0-9a-f-]{36}/);
  await first.getByLabel("您的意见和建议").fill("建议第一条写明保障业主的知情权");
  await first.getByLabel("姓名（选填）").fill("黄大姐");
  await first.getByLabel("手机号码（选填）").fill("13907710000");
  await first.getByLabel("我同意基层立法联系点为整理、反馈本意见保存我的姓名和手机号码").check();
  await expect(first.getByRole("button", { name: "提交意见" })).toBeEnabled({ timeout: 60_000 });
  await first.getByRole("button", { name: "提交意见" }).click();
  const code = (await first.getByTestId("tracking-code").textContent())!;
  await expectAccessible(first, "the comment sent");
  for (const [n, text] of [
    [1, "第一条的立法目的建议增加“和谐社区”"],
    [2, "整体赞成，建议增加物业费公开的条款"],
  ] as const) {
    const page = await phone(browser, n);
    await page.goto(publicUrl);
    await waitForHydration(page);
    if (n === 1) await page.getByLabel("针对条款").selectOption({ label: "第一条" });
    await page.getByLabel("您的意见和建议").fill(text);
    await expect(page.getByRole("button", { name: "提交意见" })).toBeEnabled({ timeout: 60_000 });
    await page.getByRole("button", { name: "提交意见" }).click();
    await expect(page.getByTestId("tracking-code")).toBeVisible();
  }

  // The 37 send their comments as the page posts them (on 第一条…第八条, every tenth on the whole draft).
  for (const [i, altcha] of puzzles.slice(0, 37).entries()) {
    const n = 3 + i;
    const answer = await phones[i]!.post(publicUrl, {
      headers: { origin: new URL(baseURL!).origin },
      multipart: commentForm(
        altcha,
        n % 10 === 9 ? "" : articleIds[1 + (n % 8)]!,
        `群众意见第${n}条：建议细化本条规定`,
      ),
    });
    expect(answer.status(), String(n)).toBe(200);
  }
  // Ten gathered offline: tea talks, a meeting and a WeChat group, with their people.
  await liaison.reload();
  await waitForHydration(liaison);
  const offline = liaison.getByTestId("offline-form");
  await offline.getByLabel("意见内容").fill("小板凳茶话会：物业费标准应当听取业主意见");
  await offline.getByRole("textbox", { name: "人数" }).fill("12");
  await offline.getByRole("button", { name: "录入" }).click();
  await expect(offline.getByLabel("意见内容")).toHaveValue("");
  const origin = { origin: new URL(liaison.url()).origin };
  for (let i = 1; i < 10; i++) {
    const entered = await liaison.request.post(consultationUrl, {
      headers: origin,
      form: {
        intent: "offline",
        channel: (["teaTalk", "meeting", "wechat"] as const)[i % 3]!,
        peopleCount: String(5 + i),
        articleId: articleIds[1 + (i % 8)]!,
        content: `线下意见第${i}条：建议明确本条的责任主体`,
      },
    });
    expect(entered.status()).toBe(200);
  }

  // The summary groups them by article: 第一条 has the two from the page, four of the 37 and one
  // offline; the whole draft one from the page, four of the 37 and the tea talk.
  await liaison.reload();
  await expect(liaison.getByTestId("consultation-totals")).toHaveText(
    `共 50 条意见，${40 + 12 + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, i) => s + 5 + i, 0)} 人次参与，已反馈 0 条`,
  );
  await expectAccessible(liaison, "the consultation's page");
  const articleOne = liaison.locator('[data-testid="article"][data-heading="第一条"]');
  await expect(articleOne.getByTestId("comment")).toHaveCount(2 + 4 + 1);
  await expect(liaison.getByTestId("article-whole").getByTestId("comment")).toHaveCount(1 + 4 + 1);

  const sheet = async () => {
    const answer = await liaison.request.get(`${consultationUrl}/summary.xlsx`);
    expect(answer.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await answer.body()) as unknown as ArrayBuffer);
    return workbook.getWorksheet("意见汇总表")!;
  };
  const exported = await sheet();
  expect(exported.getRow(1).values).toEqual([
    undefined,
    "条款",
    "草案原文",
    "意见建议",
    "人次",
    "联系点意见",
    "采纳情况",
  ]);
  expect(exported.rowCount).toBe(51);
  const rowOf = (s: ExcelJS.Worksheet, text: string) =>
    (s.getRows(2, s.rowCount - 1) ?? []).find((row) => row.getCell(3).value === text)!;
  expect(rowOf(exported, "建议第一条写明保障业主的知情权").values).toEqual([
    undefined,
    "第一条",
    "本条规定第1项事务的办理要求。",
    "建议第一条写明保障业主的知情权",
    1,
    "",
    "",
  ]);
  expect(rowOf(exported, "小板凳茶话会：物业费标准应当听取业主意见").getCell(4).value).toBe(12);

  // 12 adopted, the first commenter's among them, marked at once.
  const boxes = liaison.getByRole("checkbox", { name: /^选择意见：/ });
  await waitForHydration(liaison);
  await liaison.getByRole("checkbox", { name: "选择意见：建议第一条写明保障业主的知情权" }).check();
  const others = liaison.getByRole("checkbox", { name: /^选择意见：群众意见第/ });
  for (let i = 0; i < 11; i++) await others.nth(i).check();
  await expect(boxes.and(liaison.locator(":checked"))).toHaveCount(12);
  await liaison.getByLabel("理由说明").fill("已在修改稿中体现");
  await liaison.getByRole("button", { name: "标记所选意见" }).click();
  await expect(liaison.getByTestId("comment-fate")).toHaveCount(12);
  await expect(liaison.getByTestId("consultation-totals")).toContainText("已反馈 12 条");
  expect(rowOf(await sheet(), "建议第一条写明保障业主的知情权").getCell(6).value).toBe("采纳");

  // The commenter sees it on their tracking page.
  await first.goto(`/c/t/${code}`);
  await expect(first.getByTestId("fate-value")).toHaveText("采纳");
  await expect(first.getByTestId("comment-fate")).toContainText("已在修改稿中体现");
  await expect(first.locator("body")).not.toContainText("13907710000");
  await expectAccessible(first, "the commenter's tracking page");
  await liaison.goto(`${consultationUrl}/summary`);
  await expect(liaison.getByTestId("summary-sheet").locator("tbody tr")).toHaveCount(50);
  await expectAccessible(liaison, "the printable 意见汇总表");
  await liaison.goto(consultationUrl);
  await waitForHydration(liaison);

  // Closed by the contact point: the page says so, and a comment sent anyway is refused.
  const late = phones[37]!;
  liaison.once("dialog", (d) => d.accept());
  await liaison.getByRole("button", { name: "截止征集" }).click();
  await expect(liaison.getByTestId("consultation-status")).toHaveText("已截止");
  const refused = await late.post(publicUrl, {
    headers: { origin: new URL(baseURL!).origin },
    multipart: commentForm(puzzles[37]!, "", "截止后才看到"),
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("本次征求意见已截止");
  await first.goto(publicUrl);
  await expect(first.getByTestId("consultation-closed")).toBeVisible();
  await Promise.all(phones.map((p) => p.dispose()));
  await liaison.reload();
  await expect(liaison.getByTestId("consultation-totals")).toContainText("共 50 条意见");

  // The dashboard counts exactly that: one consultation, 50 comments, their people, 12 adopted.
  const people = 40 + 12 + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, i) => s + 5 + i, 0);
  expect(await dashboardFigures(admin, "dashboard-consultations", "金陵镇")).toEqual(
    [1, 50, people, 12].map((delta, i) => figuresBefore[i]! + delta),
  );
});
