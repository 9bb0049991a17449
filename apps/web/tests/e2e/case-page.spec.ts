import { expect, type Page, test } from "@playwright/test";
import { pdfText, squeeze } from "./pdf-support";
import { chooseOption, signIn, waitForHydration } from "./support";

/** The first overdue case of the county admin's list, with its countdown as the list says it. */
async function firstOverdueCase(page: Page) {
  await page.goto("/work?view=all&deadline=overdue");
  const row = page.getByTestId("inbox").locator("tbody tr").first();
  const countdown = (await row.locator("[data-deadline]").textContent())!;
  const link = row.getByRole("link").first();
  const title = (await link.textContent())!;
  const url = (await link.getAttribute("href"))!;
  return { countdown, title, url };
}

test("the case page says who holds the case, what is expected next and its deadline as the list does", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  const { countdown, title, url } = await firstOverdueCase(page);
  expect(countdown).toMatch(/^已逾期\d+天$/);
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("case-deadline")).toHaveText(countdown);
  await expect(page.getByTestId("case-deadline-date")).toHaveText(/^期限为\d+月\d+日（周.）(24:00|\d\d:\d\d)$/);
  await expect(page.getByTestId("case-holder")).toHaveText(/^当前办理：/);
  await expect(page.getByTestId("case-next")).toHaveText(/^下一步：\S/);
  // Nothing on the page is an identifier: no role keys, no event names.
  const text = await page.locator("main").textContent();
  expect(text).not.toMatch(/citizen|system|handling_unit|station_liaison|county_admin|[A-Z]{3,}_[A-Z]+/);
});

test("the 办理单 prints on A4 with the title and every step of the history", async ({ page }) => {
  await signIn(page, "xxt-admin");
  const { title, url } = await firstOverdueCase(page);
  await page.goto(url);
  await waitForHydration(page);
  await page.getByTestId("case-print").click();
  await expect(page).toHaveURL(`${url}/print`);
  const rows = page.getByTestId("sheet-timeline").locator("tbody tr");
  const entries = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent ?? "")),
  );
  expect(entries.length).toBeGreaterThan(2);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印", exact: true })).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const text = await pdfText(pdf);
  expect(text).toContain("案件办理单");
  expect(text).toContain(squeeze(title));
  expect(text).toContain(squeeze((await page.getByTestId("sheet-holder").textContent())!));
  for (const [when, step, by] of entries) {
    expect(text).toContain(squeeze(when!));
    expect(text).toContain(squeeze(step!));
    expect(text).toContain(squeeze(by!));
  }
  // Every actor by a label or a name, never the runtime's identifiers.
  expect(entries.map((e) => e[2]).join()).not.toMatch(/citizen|system|[a-z]+_[a-z]+/);
});

test("the case page on a desktop and on a phone", async ({ page }) => {
  // The handling unit's responder: the case is on their desk, with their steps.
  await signIn(page, "xxt-responder");
  const { url } = await firstOverdueCase(page);
  for (const [name, viewport] of [
    ["case", { width: 1366, height: 768 }],
    ["case-phone", { width: 375, height: 667 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await waitForHydration(page);
    await expect(page.getByTestId("case-holder")).toBeVisible();
    await expect(page.getByTestId("case-yours")).toBeVisible();
    // The page fits the screen's width: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: test.info().outputPath(`screenshot-${name}.png`) });
  }
});

test("the outbox and the audit log speak in sentences, not in identifiers or JSON", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/outbox");
  const messages = page.getByTestId("outbox-message");
  await expect(messages.first()).toBeVisible();
  await expect(messages.first().getByTestId("outbox-channel")).toHaveText(/^仅记录（未外发/);
  const outbox = (await page.locator("main").textContent())!;
  expect(outbox).not.toMatch(/notify|case\.[a-z]|\blog\b/);
  await page.goto("/county/audit");
  const details = await page.getByTestId("audit-detail").allTextContents();
  expect(details.some((text) => text.includes("："))).toBe(true);
  for (const text of details) expect(text).not.toMatch(/[{}"]/);
});

test("交办 from the case page: one primary step, 交办意见 and an asked date, a confirmation, all in the timeline", async ({
  page,
}) => {
  await signIn(page, "xxt-jinling");
  await page.goto("/work?state=assignment");
  await page.getByTestId("inbox").locator("tbody tr").first().getByRole("link").first().click();
  await waitForHydration(page);
  const actions = page.getByTestId("case-actions");
  await expect(actions.locator("[data-primary=true]")).toHaveCount(1);
  await expect(actions.locator("[data-primary=true]")).toHaveText("交办");
  await expect(page.getByTestId("case-yours")).toBeVisible();
  await actions.getByRole("button", { name: "交办", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await chooseOption(page, dialog.getByRole("combobox", { name: "承办单位" }), "区住建局");
  await dialog.getByLabel("交办意见").fill("请五个工作日内现场核查并答复");
  await expect(dialog.getByText(/不得晚于\d{4}-\d{2}-\d{2}/)).toBeVisible();
  await dialog.getByRole("button", { name: "交办", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("已完成：交办")).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("请五个工作日内现场核查并答复");
  await expect(page.getByTestId("case-holder")).toContainText("区住建局");
});

test("a deputy at the group's review sees one primary step and no 整合 on a single case", async ({ page }) => {
  await signIn(page, "xxt-deputy");
  await page.goto("/work?view=all&state=groupReview");
  await page.getByTestId("inbox").locator("tbody tr").first().getByRole("link").first().click();
  const actions = page.getByTestId("case-actions");
  await expect(actions.getByRole("button")).not.toHaveCount(0);
  await expect(actions.locator("[data-primary=true]")).toHaveCount(1);
  await expect(actions.getByRole("button", { name: "整合为代表建议" })).toHaveCount(0);
  // Each step says where it leads.
  await expect(actions).toContainText("之后进入「");
});
