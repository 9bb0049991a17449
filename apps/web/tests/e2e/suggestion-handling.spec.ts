import { expect, type Page, test } from "@playwright/test";
import { choose, openMenuEntry, signIn, waitForHydration } from "./support";

/**
 * One deputy's suggestion handled as the law and the county's workflow say: the office assigns
 * it to a lead unit and a co-unit, the unit signs, meets the deputy (面商) and answers with class
 * B; the 领衔代表, on a phone, is not satisfied; the second answer is rated 满意 and it closes.
 */

const TITLE = "关于改造金陵镇农贸市场排水设施的建议";

async function step(page: Page, button: string) {
  await waitForHydration(page);
  await page.getByRole("button", { name: button, exact: true }).click();
}

test("a suggestion is assigned with a co-unit, met on, answered B, rated 不满意 on a phone, answered again and rated 满意", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "人代会与建议");
  await page.getByRole("link", { name: "第十七届人民代表大会第五次会议" }).click();
  await waitForHydration(page);
  await page.getByRole("button", { name: "逐条录入" }).click();
  const enter = page.getByRole("dialog", { name: "逐条录入" });
  await enter.getByLabel("建议标题").fill(TITLE);
  await enter.getByLabel("建议内容").fill("农贸市场雨天积水严重，建议改造排水管网");
  await enter.getByRole("combobox", { name: "领衔代表" }).fill("韦建国");
  await page
    .getByRole("option", { name: /^韦建国（/ })
    .first()
    .click();
  await page.keyboard.press("Escape");
  await enter.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText(/已录入 \d+ 号建议/)).toBeVisible();
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(/\/work\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = new URL(page.url()).pathname;

  // 交办: the lead unit and a co-unit.
  await step(page, "交办");
  const assign = page.getByRole("dialog");
  await choose(page, "承办单位", "区住建局");
  await assign.getByRole("combobox", { name: "协办单位" }).click({ force: true });
  await page.getByRole("option", { name: "区交通运输局" }).click();
  await page.keyboard.press("Escape");
  await page.screenshot({ path: "test-results/e2e/suggestion-assign.png", fullPage: true });
  await assign.getByRole("button", { name: "交办" }).click();
  await expect(page.getByTestId("case-state")).toHaveText("签收");

  // The unit signs, meets the deputy, and answers with class B.
  const unit = await browser.newPage();
  await signIn(unit, "xxt-responder");
  await unit.goto(caseUrl);
  await step(unit, "签收");
  await unit.getByRole("dialog").getByRole("button", { name: "签收" }).click();
  await expect(unit.getByTestId("case-state")).toHaveText("办理");
  // No 面商 yet: the answer is not offered.
  await expect(unit.getByRole("button", { name: "答复代表", exact: true })).toHaveCount(0);
  await step(unit, "记录面商");
  const consult = unit.getByRole("dialog");
  await consult.getByLabel("面商日期").fill("2026-12-01");
  await choose(unit, "面商方式", "当面");
  await consult.getByLabel("面商情况").fill("到市场现场与韦建国代表面商，商定分两期改造");
  await unit.screenshot({ path: "test-results/e2e/suggestion-consult.png", fullPage: true });
  await consult.getByRole("button", { name: "记录面商" }).click();
  await expect(unit.getByText("到市场现场与韦建国代表面商，商定分两期改造")).toBeVisible();

  await step(unit, "答复代表");
  const answer = unit.getByRole("dialog");
  await answer.getByLabel("答复内容").fill("已列入明年城建计划，分两期实施");
  // Without its classification the answer is refused, the field named.
  await answer.getByRole("button", { name: "答复代表" }).click();
  await expect(answer.getByText("此项为必填项")).toBeVisible();
  await choose(unit, "答复分类", "B类：正在解决或列入计划解决");
  await answer.getByRole("button", { name: "答复代表" }).click();
  await expect(unit.getByTestId("case-state")).toHaveText("代表测评");

  // The 领衔代表, on a phone: not satisfied, with the reason.
  const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const deputy = await phone.newPage();
  await signIn(deputy, "xxt-deputy");
  // From their own list of suggestions.
  await deputy.goto("/desk/suggestions");
  await deputy.getByTestId("my-suggestions").getByRole("link", { name: TITLE }).click();
  await expect(deputy).toHaveURL(caseUrl);
  await expect(deputy.getByText("已列入明年城建计划，分两期实施")).toBeVisible();
  await step(deputy, "测评");
  const rate = deputy.getByRole("dialog");
  await choose(deputy, "满意度", "不满意");
  // 不满意 needs its reason.
  await rate.getByRole("button", { name: "测评" }).click();
  await expect(rate.getByText("此项为必填项")).toBeVisible();
  await rate.getByLabel("不满意的理由").fill("没有明确的开工时间");
  await deputy.screenshot({ path: "test-results/e2e/suggestion-rate-phone.png", fullPage: true });
  await rate.getByRole("button", { name: "测评" }).click();
  await expect(deputy.getByTestId("case-state")).toHaveText("重新办理");

  // The second answer, rated 满意: closed.
  await unit.reload();
  await step(unit, "答复代表");
  const again = unit.getByRole("dialog");
  await again.getByLabel("答复内容").fill("一期工程已于本月开工，明年汛期前完工");
  await choose(unit, "答复分类", "A类：已解决或基本解决");
  await again.getByRole("button", { name: "答复代表" }).click();
  await expect(unit.getByTestId("case-state")).toHaveText("代表测评");
  await deputy.reload();
  await step(deputy, "测评");
  await choose(deputy, "满意度", "满意");
  await deputy.getByRole("dialog").getByRole("button", { name: "测评" }).click();
  await expect(deputy.getByTestId("case-state")).toHaveText("办结");
  await deputy.screenshot({ path: "test-results/e2e/suggestion-closed-phone.png", fullPage: true });
  // Pages left open keep drawing (and polling) for the rest of the run.
  await phone.close();
  await unit.context().close();
});
