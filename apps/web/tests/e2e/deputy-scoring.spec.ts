import { type Browser, expect, type Page, test } from "@playwright/test";
import { chooseOption, signIn, waitForHydration } from "./support";

async function signedIn(browser: Browser, username: string, phone = false) {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true } : {});
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** Adds a rule through the dialog; the rule's sentence then shows in the list. */
async function addRule(page: Page, figure: string, fields: Record<string, string>, sentence: string) {
  await page.getByRole("button", { name: "新增细则" }).click();
  const dialog = page.getByRole("dialog");
  await chooseOption(page, dialog.getByRole("combobox", { name: "计分项目" }), figure);
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: false }).fill(value);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("scoring-rules")).toContainText(sentence);
}

/** Answers a confirming dialog (remove, publish, unpublish) with its own button. */
async function confirm(page: Page, button: string) {
  await page.getByRole("button", { name: button }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test("考核: the county admin defines two rules, the list shows each deputy's score, the year is published and the deputy sees it", async ({
  browser,
}) => {
  // Three accounts, eight pages and a dozen dialogs: 3 minutes on CI's loaded cores, where a page
  // took 5–7 s to hydrate beside the unit tests (a hang guard; speed is in bench:lists).
  test.setTimeout(360_000);
  const admin = await signedIn(browser, "xxt-admin");
  await admin.goto("/county/deputy-scoring");
  await waitForHydration(admin);
  await expect(admin.getByRole("heading", { name: "代表履职考核" })).toBeVisible();
  const year = Number(
    await admin
      .getByRole("combobox", { name: "年度" })
      .inputValue()
      .then((v) => v.slice(0, 4)),
  );

  // A rule out of range is refused in Chinese, and nothing is added.
  await admin.getByRole("button", { name: "新增细则" }).click();
  const dialog = admin.getByRole("dialog");
  await chooseOption(admin, dialog.getByRole("combobox", { name: "计分项目" }), "接待日（次）");
  await dialog.getByLabel("每次（件、个）得分", { exact: false }).fill("200");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("每次得分须大于 0 且不超过 100 分，最多一位小数")).toBeVisible();
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(admin.getByText("尚未制定考核细则。")).toBeVisible();

  await addRule(admin, "接待日（次）", { "每次（件、个）得分": "2" }, "接待日每次2分");
  await addRule(admin, "领衔建议（件）", { "每次（件、个）得分": "5", 最高分: "30" }, "领衔建议每件5分，最高30分");
  await expect(admin.getByTestId("score-table-title")).toHaveText(`${year}年考核表（按现行细则计算，尚未发布）`);
  await admin.screenshot({ path: test.info().outputPath("deputy-scoring.png") });

  // The 履职档案 list: a 考核得分 column, each score = receptions × 2 + min(suggestions led × 5, 30).
  await admin.goto(`/county/deputy-records?year=${year}`);
  await waitForHydration(admin);
  const headers = await admin.getByTestId("deputy-records").locator("thead th").allTextContents();
  const col = (label: string) => headers.indexOf(label);
  expect(col("考核得分")).toBeGreaterThan(0);
  await admin.getByRole("button", { name: "考核得分" }).click();
  await expect(admin.getByText("已按“考核得分”从多到少排序")).toBeVisible();
  const rows = await admin
    .getByTestId("deputy-records")
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  expect(rows).toHaveLength(50);
  for (const row of rows) {
    const expected = Number(row[col("接待日（次）")]) * 2 + Math.min(Number(row[col("领衔建议（件）")]) * 5, 30);
    expect(Number(row[col("考核得分")]), row[0]).toBe(expected);
  }
  const scores = rows.map((r) => Number(r[col("考核得分")]));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  // The next page goes on where this one ended.
  await admin.getByRole("button", { name: "第 2 页" }).click();
  await expect(admin).toHaveURL(/page=2/);
  const nextFirst = admin.getByTestId("deputy-records").locator("tbody tr").first();
  await expect(nextFirst.locator("td").first()).not.toHaveText(rows[0]![0]!);
  expect(Number(await nextFirst.getByTestId("record-score").textContent())).toBeLessThanOrEqual(scores.at(-1)!);
  await admin.screenshot({ path: test.info().outputPath("deputy-records-scored.png") });

  // Published: frozen with its date; a rule added afterwards leaves it alone.
  await admin.goto("/county/deputy-scoring");
  await waitForHydration(admin);
  const top = await admin.getByTestId("score-table").getByTestId("score").first().textContent();
  await confirm(admin, `发布${year}年考核表`);
  await expect(admin.getByTestId("score-table-title")).toContainText("发布）");
  await expect(admin.getByText("已发布", { exact: true })).toBeVisible();
  await addRule(admin, "走访（次）", { "每次（件、个）得分": "50" }, "走访每次50分");
  await expect(admin.getByTestId("score-table").getByTestId("score").first()).toHaveText(top!);
  await admin.screenshot({ path: test.info().outputPath("deputy-scoring-published.png") });

  // The first deputy's 履职报告 carries the published score, each point explained.
  const first = admin.getByTestId("score-table").getByRole("link").first();
  const firstName = (await first.textContent())!;
  await first.click();
  await expect(admin.getByTestId("deputy-score")).toContainText(`考核得分：${top} 分`);
  await admin.getByRole("link", { name: "打印履职报告" }).click();
  const report = admin.getByTestId("report-score");
  await expect(report).toContainText(`按本县考核细则，${year}年度考核得分 ${top} 分。`);
  await expect(report.getByRole("listitem")).toHaveCount(2);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(firstName);
  await admin.screenshot({ path: test.info().outputPath("deputy-report-scored.png"), fullPage: true });
  await admin.goto("/county/deputy-scoring");
  await waitForHydration(admin);

  // The deputy reads their own published score on their record, each point explained, on a phone.
  const deputy = await signedIn(browser, "xxt-deputy", true);
  await deputy.goto("/desk");
  await deputy.getByRole("link", { name: "我的履职档案" }).click();
  await expect(deputy).toHaveURL(/\/record$/);
  const card = deputy.getByTestId("deputy-score");
  await expect(card).toContainText(/考核得分：[\d.]+ 分/);
  await expect(card).toContainText("发布");
  await expect(card.getByRole("listitem").first()).toContainText("接待日");
  await expect(card.getByRole("listitem")).toHaveCount(2);
  expect(await deputy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await deputy.screenshot({ path: test.info().outputPath("deputy-score-phone.png"), fullPage: true });
  await deputy.context().close();

  // Left as found for the specs after this one: unpublished, no rules.
  await confirm(admin, "撤回发布");
  await expect(admin.getByTestId("score-table-title")).toContainText("尚未发布");
  for (let left = 3; left > 0; left--) {
    await confirm(admin, "删除");
    await expect(admin.getByTestId("scoring-rules").getByRole("row")).toHaveCount(left - 1);
  }
  await expect(admin.getByText("尚未制定考核细则。")).toBeVisible();
  await admin.context().close();
});
