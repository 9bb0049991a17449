import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { choose, openMenuEntry, signIn, waitForHydration } from "./support";

/**
 * 回头看: five suggestions of the demo session, handed in by the demo deputy and driven through
 * the county's suggestion workflow (交办 to 区住建局, 签收, 面商, 答复 B类, 测评 满意) by their own
 * people; the congress office then makes a campaign, selects them, sends a 督办组 and records the
 * findings — one 未兑现, which reopens it — and sees 兑现率 80 %.
 */

const COUNT = 5;
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function as(browser: Browser, username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** The shipped suggestion workflow's buttons for its events. */
const LABELS: Record<string, string> = {
  ASSIGN: "交办",
  ACCEPT: "签收",
  CONSULT: "记录面商",
  REPLY: "答复代表",
  RATE: "测评",
};

/**
 * A step on a case as its page sends it: the step's button opens its form (with the seq the page
 * shows), and the form's values are posted as the page would.
 */
async function step(page: Page, caseUrl: string, event: string, data: Record<string, string> = {}) {
  await page.goto(caseUrl);
  await waitForHydration(page);
  await page.getByTestId("case-actions").getByRole("button", { name: LABELS[event], exact: true }).click();
  const seq = await page.getByRole("dialog").locator('input[name="expectedSeq"]').getAttribute("value");
  expect(seq, `${event} on ${caseUrl}`).toBeTruthy();
  const response = await page.request.post(`${caseUrl}.data`, {
    headers: { origin: new URL(page.url()).origin },
    form: { event, expectedSeq: seq!, ...data },
  });
  expect(response.status(), `${event} on ${caseUrl}`).toBe(200);
}

test("a 回头看 campaign: select answered suggestions, send a 督办组, one 未兑现 is reopened, 兑现率 80 %", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const tag = `回头看${Date.now().toString(36).slice(-5)}`;
  const deputy = await as(browser, "xxt-deputy");
  const admin = await as(browser, "xxt-admin");
  const responder = await as(browser, "xxt-responder");
  const origin = (page: Page) => ({ origin: new URL(page.url()).origin });

  // The demo session and 区住建局, as the office sees them.
  await admin.goto("/county/sessions");
  const demoSession = admin.getByTestId("sessions").getByRole("link", { name: "第十七届人民代表大会第五次会议" });
  const sessionUrl = (await demoSession.getAttribute("href"))!;
  const sessionId = sessionUrl.split("/").at(-1)!;
  await admin.goto("/county/handling-units");
  const unitUrl = (await admin
    .getByTestId("handling-units")
    .getByRole("link", { name: "区住建局" })
    .getAttribute("href"))!;
  const unitId = unitUrl.split("/").at(-1)!;

  // The deputy hands in five suggestions.
  await deputy.goto("/desk/suggestions");
  for (let i = 1; i <= COUNT; i++) {
    const response = await deputy.request.post("/desk/suggestions.data", {
      headers: origin(deputy),
      form: { sessionId, title: `${tag}：第${i}件建议`, content: "建议改造老旧小区排水管网", category: "" },
    });
    expect(response.status()).toBe(200);
  }
  await admin.goto(sessionUrl);
  const caseUrls: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const link = admin.getByTestId("suggestions").getByRole("link", { name: `${tag}：第${i}件建议` });
    caseUrls.push((await link.getAttribute("href"))!);
  }
  const numbers: string[] = [];
  for (let i = 1; i <= COUNT; i++) {
    const row = admin.getByTestId("suggestions").locator("tr", { hasText: `${tag}：第${i}件建议` });
    numbers.push((await row.locator("td").first().textContent())!.trim());
  }

  // Each through the workflow by its own people.
  for (const url of caseUrls) {
    await step(admin, url, "ASSIGN", { handlingUnit: unitId, keySupervision: "false" });
    await step(responder, url, "ACCEPT");
    await step(responder, url, "CONSULT", {
      consultedOn: "2026-03-02",
      consultationForm: "inPerson",
      consultationMinutes: "与代表当面沟通",
    });
    await step(responder, url, "REPLY", { replyContent: "已列入今年改造计划", answerClass: "B" });
    await step(deputy, url, "RATE", { satisfaction: "satisfied" });
  }

  // A 督办组.
  await admin.goto("/county/teams");
  const teamName = `${tag}督办组`;
  const team = await admin.request.post("/county/teams.data", {
    headers: origin(admin),
    form: { intent: "create", name: teamName, memberIds: "" },
  });
  expect(team.status()).toBe(200);

  // The campaign, from the menu.
  await admin.goto("/county");
  await openMenuEntry(admin, "回头看");
  await expect(admin).toHaveURL(/\/county\/revisits$/);
  await waitForHydration(admin);
  await admin.getByRole("button", { name: "新建回头看" }).click();
  await admin.getByLabel("活动名称").fill(`${tag}活动`);
  await admin.getByRole("dialog").getByRole("button", { name: "创建" }).click();
  await expect(admin).toHaveURL(/\/county\/revisits\/[0-9a-f-]{36}$/);
  const campaignUrl = new URL(admin.url()).pathname;
  await expect(admin.getByTestId("revisit-kept-rate")).toHaveText("—");

  // Select: this session, class B, 区住建局.
  await waitForHydration(admin);
  await choose(admin, "会议", "第十七届人民代表大会第五次会议");
  await admin.getByRole("checkbox", { name: "B", exact: true }).check();
  await admin.getByRole("button", { name: "筛选" }).click();
  await expect(admin).toHaveURL(/class=B/);
  const candidates = admin.getByTestId("revisit-candidates");
  for (const number of numbers) await candidates.getByRole("checkbox", { name: number, exact: true }).check();
  await admin.getByRole("button", { name: `加入回头看（${COUNT} 件）` }).click();
  const items = admin.getByTestId("revisit-items");
  await expect(items.locator("tbody tr")).toHaveCount(COUNT);

  // One 督办组 for all of them.
  await items.getByRole("checkbox", { name: "全选" }).check();
  await admin.getByRole("combobox", { name: "督办组", exact: true }).click();
  await admin.getByRole("option", { name: teamName, exact: true }).click();
  await admin.getByTestId("assign-selected").click();
  for (const number of numbers) {
    await expect(admin.getByTestId(`item-${number}`).getByTestId("item-team")).toHaveText(teamName);
  }

  // Findings: four kept, the last one not.
  for (const [i, number] of numbers.entries()) {
    await admin.getByTestId(`item-${number}`).getByRole("button", { name: "记录结果" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByRole("radio", { name: i < COUNT - 1 ? "兑现" : "未兑现", exact: true }).check();
    if (i === COUNT - 1) await expect(dialog.getByText("将按办理流程重新交承办单位办理")).toBeVisible();
    await dialog.getByLabel("核查日期").fill("2026-11-20");
    await dialog.getByLabel("情况说明").fill(i < COUNT - 1 ? "管网已改造" : "承诺的改造尚未开工");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByTestId(`item-${number}`).getByTestId("item-finding")).toContainText(
      i < COUNT - 1 ? "兑现" : "未兑现",
    );
  }
  await expect(admin.getByTestId("revisit-kept-rate")).toHaveText("80 %");
  await expect(admin.getByTestId(`item-${numbers.at(-1)}`).getByTestId("item-finding")).toContainText("已重新办理");
  await expect(admin.getByText("部分兑现不计入兑现")).toBeVisible();
  await admin.screenshot({ path: "test-results/revisit-desktop.png", fullPage: true });

  // The reopened one is back with the unit.
  await responder.goto(caseUrls.at(-1)!);
  await expect(responder.getByText("重新办理").first()).toBeVisible();

  // On a phone.
  const phone = await as(browser, "xxt-admin", { width: 390, height: 844 });
  await phone.goto(campaignUrl);
  await expect(phone.getByTestId("revisit-kept-rate")).toHaveText("80 %");
  await phone.screenshot({ path: "test-results/revisit-phone.png", fullPage: true });

  // The session's figures: the campaign's 兑现率 and the unit in the league table.
  await admin.goto(sessionUrl);
  await expect(admin.getByTestId("figure-kept-rate")).not.toHaveText("—");
  await expect(admin.getByTestId("unit-league")).toContainText("区住建局");
  await admin.screenshot({ path: "test-results/session-figures-desktop.png", fullPage: true });
  await admin.goto(`${sessionUrl}/report`);
  await expect(admin.getByTestId("session-report")).toContainText("代表建议办理情况");
  await expect(admin).toHaveTitle(/代表建议办理情况 · /);
  await admin.screenshot({ path: "test-results/session-report.png", fullPage: true });
  const xlsx = await admin.request.get(`${sessionUrl}/report.xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  await phone.goto(sessionUrl);
  await phone.screenshot({ path: "test-results/session-figures-phone.png", fullPage: true });
});
