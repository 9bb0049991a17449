import { type Browser, expect, test } from "@playwright/test";
import { TINY_PNG } from "./ledger-support";
import { chooseOption, signIn, waitForHydration } from "./support";

async function signedIn(browser: Browser, username: string, phone = false) {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true } : {});
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test("双联: the township pairs its deputy with a household; he records a visit on his phone with a photo and raises an opinion of channel 双联 from it", async ({
  browser,
}) => {
  const household = `双联测试户${Date.now()}`;

  // 金陵镇's operator pairs 韦建国 with a low-income household: never visited, so overdue at once.
  const operator = await signedIn(browser, "xxt-jinling");
  await operator.goto("/county/pairs");
  await waitForHydration(operator);
  await operator.getByRole("button", { name: "新增挂钩对象" }).click();
  const dialog = operator.getByRole("dialog", { name: "新增双联挂钩对象" });
  const deputyBox = dialog.getByRole("combobox", { name: "挂钩代表" });
  await deputyBox.fill("韦建国");
  await chooseOption(operator, deputyBox, "韦建国（金陵镇）");
  await chooseOption(operator, dialog.getByRole("combobox", { name: "对象类别" }), "低收入农户");
  await dialog.getByRole("textbox", { name: "对象姓名（名称）" }).fill(household);
  await dialog.getByRole("textbox", { name: "地址", exact: true }).fill("金陵镇北郊村3组");
  await dialog.getByRole("textbox", { name: "联系电话" }).fill("13812345678");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  const row = operator.getByTestId("pair-row").filter({ hasText: household });
  await expect(row).toContainText("138****5678");
  await expect(row).toContainText("尚未走访");
  await expect(row).toContainText("3个月未走访");
  await operator.screenshot({ path: test.info().outputPath("pairs.png"), fullPage: true });

  // 韦建国, on his phone: 我的双联 from his desk, the household's card, 记录走访.
  const deputy = await signedIn(browser, "xxt-deputy", true);
  await deputy.goto("/desk");
  await waitForHydration(deputy);
  await deputy.getByRole("link", { name: "我的双联" }).click();
  await expect(deputy).toHaveURL(/\/desk\/pairs$/);
  await waitForHydration(deputy);
  const card = deputy.getByTestId("my-pair").filter({ hasText: household });
  await card.getByRole("button", { name: "记录走访" }).click();
  const visit = deputy.getByRole("dialog", { name: `记录走访：${household}` });
  await visit.getByRole("radio", { name: "请进来" }).check();
  await visit.getByRole("textbox", { name: "了解到的情况" }).fill("老人独居，冬季取暖困难，子女在外务工");
  await visit.locator('input[type="file"][name="photos"]').setInputFiles({
    name: "走访.png",
    mimeType: "image/png",
    buffer: TINY_PNG,
  });
  await visit.getByRole("checkbox", { name: /反映群众意见/ }).check();
  await chooseOption(deputy, visit.getByRole("combobox", { name: "问题类别" }), "社会保障");
  await visit
    .getByRole("textbox", { name: "群众意见内容" })
    .fill(`${household}：独居老人冬季取暖困难，建议纳入临时救助`);
  await deputy.screenshot({ path: test.info().outputPath("visit-form-phone.png") });
  await visit.getByRole("button", { name: "保存走访记录" }).click();
  await expect(deputy.getByTestId("visit-saved")).toHaveText("走访记录已保存，群众意见已登记");

  // The visit shows on the card with its photo and a link to the case it raised.
  const recorded = card.getByTestId("pair-visit").first();
  await expect(recorded).toContainText("请进来");
  await expect(recorded).toContainText("老人独居");
  await expect(recorded.getByRole("img", { name: "走访照片 1" })).toBeVisible();
  expect(await deputy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await deputy.screenshot({ path: test.info().outputPath("pairs-phone.png"), fullPage: true });
  await recorded.getByRole("link", { name: /查看反映的意见/ }).click();
  await expect(deputy).toHaveURL(/\/work\/cases\/[0-9a-f-]+$/);
  await expect(deputy.getByText("来源：双联")).toBeVisible();
  await expect(deputy.getByText(/独居老人冬季取暖困难/).first()).toBeVisible();

  // The operator's list now dates the pair's last visit today, no longer overdue.
  await operator.reload();
  await expect(row).toContainText("1");
  await expect(row).not.toContainText("尚未走访");
  await expect(row).not.toContainText("3个月未走访");
  await operator.goto("/county/pairs?months=3&overdue=1");
  await expect(operator.getByRole("checkbox", { name: "只看3个月未走访的" })).toBeChecked();
  await expect(operator.getByTestId("pair-row").filter({ hasText: household })).toHaveCount(0);
});
