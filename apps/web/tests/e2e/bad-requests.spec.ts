import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("oversized, malformed and cross-site requests get 4xx, never a 500 or a stack trace", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "xxt-admin");
  const origin = { origin: baseURL! };

  const huge = await page.request.post("/county/townships", {
    headers: { ...origin, "content-type": "application/x-www-form-urlencoded" },
    data: `intent=add&name=${"镇".repeat(700_000)}`,
  });
  expect(huge.status()).toBe(413);

  const malformed = await page.request.post("/county/townships", {
    headers: { ...origin, "content-type": "multipart/form-data; boundary=nope" },
    data: "this is not multipart",
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).not.toMatch(/at .*\.(ts|js):\d+/);

  const crossSite = await page.request.post("/county/townships", {
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    form: { intent: "add", name: "入侵镇", kind: "town" },
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(crossSite.status()).toBeLessThan(500);

  const noOrigin = await page.request.post("/county/townships", {
    form: { intent: "add", name: "入侵镇", kind: "town" },
  });
  expect(noOrigin.status()).toBe(403);

  const badId = await page.request.get("/county/townships/not-a-uuid");
  expect(badId.status()).toBe(404);

  // Nothing of the above was written.
  await page.goto("/county/townships?q=入侵");
  await expect(page.getByText("共 0 条")).toBeVisible();
});

test("a form with bad fields shows the errors in Chinese and writes nothing", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/townships");
  await page.getByRole("button", { name: "新增乡镇（街道）" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("名称").fill("金陵镇");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("已有同名的乡镇（街道）")).toBeVisible();
  await dialog.getByLabel("名称").fill("   ");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("此项为必填项")).toBeVisible();
  await dialog.getByLabel("名称").fill("五一路街道");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("townships")).toContainText("五一路街道");
  await expect(page.getByText("共 16 条")).toBeVisible();

  // The audit log has the addition, with who and from where.
  await page.getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByTestId("audit-log")).toContainText("新增乡镇");
  await expect(page.getByTestId("audit-log")).toContainText("五一路街道");
  await expect(page.getByTestId("audit-log")).toContainText("西乡塘区人大常委会管理员");
});
