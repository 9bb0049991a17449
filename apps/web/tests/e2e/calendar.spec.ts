import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("the county admin keeps the working-day calendar, seeded with the statutory holidays", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.getByRole("link", { name: "工作日历" }).click();
  await page.getByRole("combobox", { name: "年份" }).click();
  await page.getByRole("option", { name: "2026" }).click();
  const days = page.getByTestId("calendar-days");
  await expect(days).toContainText("2026-10-01");
  await expect(days).toContainText("国庆节");
  await expect(days.getByRole("row", { name: /2026-10-10/ })).toContainText("调休上班");

  // A county-specific day off (e.g. a local festival), then taken back.
  await page.getByLabel("日期").fill("2026-11-20");
  await page.getByLabel("名称", { exact: false }).fill("壮族三月三补假");
  await page.getByRole("button", { name: "添加或修改" }).click();
  const row = days.getByRole("row", { name: /2026-11-20/ });
  await expect(row).toContainText("放假");
  await expect(row).toContainText("五");
  await row.getByRole("button", { name: "删除" }).click();
  await expect(days.getByRole("row", { name: /2026-11-20/ })).toHaveCount(0);

  await page.getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByTestId("audit-log")).toContainText("设置节假日");
  await expect(page.getByTestId("audit-log")).toContainText("删除节假日");
});
