import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { choose, signIn, waitForHydration } from "./support";

/** Every person's browser context in a test, closed after it. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** The working days the case page's countdown says are left ("还剩N个工作日", "今日到期": 0). */
async function workingDaysLeft(page: Page) {
  const text = (await page.getByTestId("case-deadline").textContent())!;
  if (text === "今日到期") return 0;
  const match = /^还剩(\d+)个工作日$/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]);
}

test("延期申请: the unit asks with a reason (none refused in Chinese), the county approves from its desk, the countdown gains the longer limit", async ({
  browser,
}) => {
  // What is on the county admin's desk before.
  const admin = await as(browser, "xxt-admin");
  await admin.goto("/desk");
  const onDesk = Number(await admin.getByTestId("desk-total-count").textContent());

  // The handling unit opens an opinion it is handling.
  const unit = await as(browser, "xxt-responder");
  await unit.goto("/work?state=handling");
  await unit.getByTestId("inbox").locator("tbody tr").first().getByRole("link").first().click();
  await expect(unit).toHaveURL(/\/work\/cases\//);
  const caseUrl = new URL(unit.url()).pathname;
  await waitForHydration(unit);
  await expect(unit.getByTestId("case-state")).toHaveText("办理中");
  const before = await workingDaysLeft(unit);

  const actions = unit.getByTestId("case-actions");
  await actions.getByRole("button", { name: "申请延期", exact: true }).click();
  const dialog = unit.getByRole("dialog");
  // The request asks for its reason only, not for the answer.
  await expect(dialog.getByLabel("延期理由")).toBeVisible();
  await expect(dialog.getByLabel("答复内容")).toHaveCount(0);
  // Blanks pass the browser's own check of a required field; the server refuses them in Chinese.
  await dialog.getByLabel("延期理由").fill("   ");
  await dialog.getByRole("button", { name: "申请延期", exact: true }).click();
  await expect(dialog.getByText("此项为必填项")).toBeVisible();
  await expect(unit.getByTestId("case-state")).toHaveText("办理中");
  await dialog.getByLabel("延期理由").fill("需协调水务公司排期疏通主管网");
  await dialog.getByRole("button", { name: "申请延期", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(unit.getByTestId("case-state")).toHaveText("延期审批（区县人大常委会）");
  await expect(unit.getByTestId("timeline")).toContainText("需协调水务公司排期疏通主管网");

  // The county admin finds the request on its desk (one more to do, listed with its step) and approves it.
  await admin.reload();
  await expect(admin.getByTestId("desk-total-count")).toHaveText(String(onDesk + 1));
  await admin.getByTestId("desk-total").click();
  await expect(admin).toHaveURL(/\/work$/);
  const pending = admin
    .getByTestId("inbox")
    .locator("tbody tr")
    .filter({ has: admin.locator(`a[href="${caseUrl}"]`) });
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText("延期审批（区县人大常委会）");
  await pending.locator(`a[href="${caseUrl}"]`).click();
  await expect(admin).toHaveURL(caseUrl);
  await waitForHydration(admin);
  await expect(admin.getByTestId("case-yours")).toBeVisible();
  await admin.getByTestId("case-actions").getByRole("button", { name: "审批", exact: true }).click();
  const decide = admin.getByRole("dialog");
  await choose(admin, "审批结果", "同意延期");
  await decide.getByRole("button", { name: "审批", exact: true }).click();
  await expect(decide).toBeHidden();
  await expect(admin.getByTestId("case-state")).toHaveText("延期办理");

  // The limit once more: 15 working days more than were left, counted from the same 签收.
  expect(await workingDaysLeft(admin)).toBe(before + 15);
  await unit.reload();
  await expect(unit.getByTestId("case-state")).toHaveText("延期办理");
  await expect(unit.getByTestId("case-deadline")).toHaveText(`还剩${before + 15}个工作日`);
});
