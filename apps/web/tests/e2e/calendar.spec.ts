import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

const WEEKDAYS = "日一二三四五六";

test("the county admin keeps the working-day calendar, seeded with the statutory holidays", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "工作日历");
  // This year (whichever it is) was seeded at onboarding: 元旦 is always there.
  const year = await page.getByTestId("calendar-years").getAttribute("data-selected-year");
  const days = page.getByTestId("calendar-days");
  await expect(days).toContainText(`${year}-01-01`);
  await expect(days).toContainText("元旦");
  await expect(page.getByTestId("calendar-years")).toContainText(String(Number(year) + 1));

  // A county-specific day off (e.g. a local festival), then taken back.
  const day = `${year}-11-20`;
  await page.getByLabel("日期").fill(day);
  await page.getByLabel("名称", { exact: false }).fill("壮族三月三补假");
  await page.getByRole("button", { name: "添加或修改" }).click();
  const row = days.getByRole("row", { name: new RegExp(day) });
  await expect(row).toContainText("放假");
  await expect(row).toContainText(WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!);
  await row.getByRole("button", { name: "删除" }).click();
  await expect(days.getByRole("row", { name: new RegExp(day) })).toHaveCount(0);

  await openMenuEntry(page, "审计日志");
  await expect(page.getByTestId("audit-log")).toContainText("设置节假日");
  await expect(page.getByTestId("audit-log")).toContainText("删除节假日");
});

test("a year the notices do not cover is provisional until the county confirms it", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/calendar?year=2099");
  await expect(page.getByText("本县尚未建立2099年日历")).toBeVisible();
  // Editing a day sets the year up from the statutory holidays, computed from the lunar calendar.
  await page.getByLabel("日期").fill("2099-11-20");
  await page.getByLabel("名称", { exact: false }).fill("县庆");
  await page.getByRole("button", { name: "添加或修改" }).click();
  await expect(page.getByTestId("calendar-provisional")).toContainText("2099年为暂定日历");
  await expect(page.getByTestId("calendar-days")).toContainText("春节");

  // A date outside the supported years is refused in Chinese, and nothing changes.
  await page.getByLabel("日期").fill("2100-01-04");
  await page.getByLabel("名称", { exact: false }).fill("假日");
  await page.getByRole("button", { name: "添加或修改" }).click();
  await expect(page.getByText("日历只支持2004年至2099年的日期")).toBeVisible();

  await page.getByRole("button", { name: "确认2099年日历" }).click();
  await expect(page.getByTestId("calendar-confirmed")).toContainText("2099年日历已确认");
  await expect(page.getByTestId("calendar-provisional")).toHaveCount(0);
});
