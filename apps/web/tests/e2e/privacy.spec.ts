import { expect, test } from "@playwright/test";
import { signIn, waitForHydration } from "./support";

test("个人信息保护: the county admin sets the retention and takes an erasure request; bad input is refused in Chinese", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/privacy");
  await waitForHydration(page);
  await expect(page.getByTestId("privacy-retention")).toHaveText("未设置，按系统默认 36 个月");
  const held = Number(await page.getByTestId("privacy-held").textContent());
  expect(held).toBeGreaterThan(0);

  const months = page.getByLabel("办结后保留（月）");
  await months.fill("3");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("保留期限为 6 至 120 之间的整数（月）")).toBeVisible();
  await expect(page.getByTestId("privacy-retention")).toHaveText("未设置，按系统默认 36 个月");
  await months.fill("24");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("privacy-retention")).toHaveText("本区县设置：24 个月");

  await page.getByLabel("查询码").fill("450107-XXXXXXXX");
  await page.getByLabel("手机号码").fill("13800000000");
  await page.getByRole("button", { name: "核对并删除" }).click();
  await expect(page.getByText("没有找到查询码和手机号码都相符的案件")).toBeVisible();
  await expect(page.getByTestId("privacy-held")).toHaveText(String(held));
  await page.screenshot({ path: test.info().outputPath("privacy.png"), fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await signIn(phone, "xxt-admin");
  await phone.goto("/county/privacy");
  await expect(phone.getByTestId("privacy-retention")).toHaveText("本区县设置：24 个月");
  await phone.screenshot({ path: test.info().outputPath("privacy-phone.png"), fullPage: true });
  await phone.close();
});
