import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn, waitForHydration } from "./support";

/** The last 200 days in Asia/Shanghai: every opinion the demo seeds (six months back). */
function lastDays(days: number) {
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: day(Date.now() - days * 86_400_000), to: day(Date.now()) };
}

test("the county admin's dashboard shows the seeded figures and exports them as .xlsx", async ({ page }) => {
  await signIn(page, "xxt-admin");
  // The admin lands on the overview; the dashboard is in the menu's work group, never folded away.
  await expect(page).toHaveURL(/\/county$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "数据看板" })).toBeVisible();
  await page.getByRole("link", { name: "数据看板" }).click();
  await expect(page).toHaveURL(/\/county\/dashboard$/);
  await expect(page.getByRole("heading", { name: "数据看板" })).toBeVisible();
  // This year by default.
  await expect(page.getByTestId("dashboard-range")).toContainText(`${new Date().getFullYear()}-01-01`);

  const { from, to } = lastDays(200);
  await page.goto(`/county/dashboard?period=custom&from=${from}&to=${to}`);
  // The 120 seeded opinions, and any another spec submitted today.
  const received = Number(await page.getByTestId("stat-received").textContent());
  expect(received).toBeGreaterThanOrEqual(120);
  const closed = Number(await page.getByTestId("stat-closed").textContent());
  const open = Number(await page.getByTestId("stat-open").textContent());
  expect(closed).toBeGreaterThan(60);
  expect(open).toBeGreaterThan(0);
  // No demo opinion is merged into a suggestion, so each one received is either closed or open.
  expect(closed + open).toBe(received);
  // Each process on its own, and what a figure counts on hover.
  await expect(page.getByTestId("figures-by-process")).toContainText("群众意见建议");
  await waitForHydration(page);
  await page.getByTestId("stat-received-label").hover();
  await expect(page.getByRole("tooltip")).toContainText("整合为代表建议的意见只计一次");
  expect(Number(await page.getByTestId("stat-overdue").textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId("stat-satisfactionRate")).toHaveText(/^\d+\.\d%$/);
  expect(Number((await page.getByTestId("stat-peopleReceived").textContent())!.replace(/,/g, ""))).toBeGreaterThan(0);
  // Every township and station has a row (other specs may have added some to the demo county).
  expect(await page.getByTestId("dashboard-townships").locator("tbody tr").count()).toBeGreaterThanOrEqual(15);
  expect(await page.getByTestId("dashboard-stations").locator("tbody tr").count()).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId("dashboard-league").locator("tbody tr").first()).toContainText("1");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByTestId("dashboard-export").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`统计报表_${from}_${to}.xlsx`);
  const bytes = fs.readFileSync((await file.path())!);
  // A zip (an .xlsx) with four worksheets: 总览, 按乡镇, 按站点, 承办单位.
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.includes("xl/worksheets/sheet4.xml")).toBe(true);
  expect(bytes.includes("xl/worksheets/sheet5.xml")).toBe(false);
});

test("a township operator sees only their township, and another's is not found", async ({ page }) => {
  await signIn(page, "xxt-jinling");
  await page.goto("/county/dashboard");
  await expect(page.getByTestId("dashboard-townships").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("dashboard-townships").locator("tbody tr")).toContainText("金陵镇");
  const other = await page.request.get("/county/dashboard?township=00000000-0000-4000-8000-000000000001");
  expect(other.status()).toBe(404);
});
