import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn, waitForHydration } from "./support";

const SECRET_KEY = "e2eSecretKey0123456789abcdefXYZ";

test("the county admin sets up SMS: bad input refused in Chinese, the secret never shown again, turned off again", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "短信通知");
  await expect(page).toHaveURL(/\/county\/sms$/);
  // Without an account the county keeps today's behaviour, and the page says so.
  await expect(page.getByTestId("sms-status")).toHaveAttribute("data-configured", "false");
  await expect(page.getByTestId("sms-status")).toContainText("不会发出短信");
  await waitForHydration(page);

  await page.getByLabel("SecretId").fill("AKIDe2eSecretId0123456789abcdefgh");
  await page.getByLabel("SecretKey").fill(SECRET_KEY);
  await page.getByLabel("SdkAppId").fill("12345");
  await page.getByLabel("短信签名").fill("西乡塘区人大");
  await page.getByLabel("提交成功（告知查询码）").fill("2001");
  await page.getByLabel("已交办承办单位").fill("2002");
  await page.getByLabel("已答复").fill("2003");
  await page.getByLabel("已办结").fill("2004");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("SdkAppId 应为以 14 开头的 10 位数字")).toBeVisible();
  await expect(page.getByTestId("sms-status")).toHaveAttribute("data-configured", "false");

  await page.getByLabel("SdkAppId").fill("1400123456");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("sms-status")).toHaveAttribute("data-configured", "true");
  await expect(page.getByTestId("sms-status")).toContainText("短信已启用");
  // The secret is gone from the page: an empty field that says it is set.
  await expect(page.getByLabel("SecretKey")).toHaveValue("");
  await expect(page.getByLabel("SecretKey")).toHaveAttribute("placeholder", "已设置");
  await expect(page.getByLabel("SecretId")).toHaveAttribute("placeholder", "已设置 · AKID…efgh");
  await page.reload();
  expect(await page.content()).not.toContain(SECRET_KEY);
  await expect(page.getByLabel("SdkAppId")).toHaveValue("1400123456");

  // Turned off: the demo county sends no SMS for the other tests.
  await waitForHydration(page);
  await page.getByRole("button", { name: "停用短信通知" }).click();
  await page.getByRole("button", { name: "停用短信通知" }).click();
  await expect(page.getByTestId("sms-status")).toHaveAttribute("data-configured", "false");
});
