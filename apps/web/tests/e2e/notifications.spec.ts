import { expect, type Page, test } from "@playwright/test";
import { openMenuEntry, signIn, signOut } from "./support";

/** Notifications a page shows at most (list-my-notifications' default page size). */
const PAGE_SIZE = 20;

/**
 * The demo seeds six months of opinions through the workflow runtime; their notify
 * messages wait in the outbox until the server's worker delivers them (in its first
 * rounds): then the bell rings.
 */
async function waitForTheBell(page: Page): Promise<number> {
  const count = page.getByTestId("bell-count");
  await expect(async () => {
    await page.goto("/county");
    await expect(count).toHaveText(/^[1-9]\d*$/, { timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  return Number(await count.textContent());
}

test("the bell counts the admin's unread notifications; the page lists them, marks one and then all read", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  const unread = await waitForTheBell(page);
  expect(unread).toBeGreaterThan(1);
  const bell = page.getByTestId("bell");
  const count = page.getByTestId("bell-count");
  await expect(bell).toHaveAccessibleName(`消息通知，${unread} 条未读`);

  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "消息通知" })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText(`${unread} 条未读`);
  const items = page.getByTestId("notification");
  const unreadItems = page.locator('[data-testid="notification"][data-unread="true"]');
  await expect(unreadItems).toHaveCount(Math.min(unread, PAGE_SIZE));
  // Each reads as its template's text with the case's title, and links to the case.
  const first = unreadItems.first();
  // Any template: the newest may be one an earlier spec caused (a 延期 request, a 催办…).
  await expect(first).toContainText(/^未读[^{}]*案件“[^“”]+”/);
  await expect(first.getByRole("link")).toHaveAttribute("href", /^\/work\/cases\/[0-9a-f-]{36}$/);
  const text = await first.getByRole("link").textContent();

  await first.getByRole("button", { name: "标为已读" }).click();
  const marked = items.filter({ hasText: text! }).first();
  await expect(marked).toHaveAttribute("data-unread", "false");
  await expect(count).toHaveText(String(unread - 1));
  await expect(page.getByTestId("unread-count")).toHaveText(`${unread - 1} 条未读`);

  // The link opens the case on the workbench, and opening an unread one reads it.
  const next = unreadItems.first();
  const nextText = await next.getByRole("link").textContent();
  await next.getByRole("link").click();
  await expect(page).toHaveURL(/\/work\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("case-state")).toBeVisible();
  await expect(count).toHaveText(String(unread - 2));
  await page.goto("/notifications");
  await expect(items.filter({ hasText: nextText! }).first()).toHaveAttribute("data-unread", "false");
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByTestId("unread-count")).toHaveText("没有未读通知");
  await expect(unreadItems).toHaveCount(0);
  await expect(count).toBeHidden();
  await expect(bell).toHaveAccessibleName("消息通知");
  await expect(items).toHaveCount(Math.min(unread, PAGE_SIZE));

  // Unread only: nothing left. (Mantine's switch input sits under its track: click through to it.)
  await page.getByRole("switch", { name: "只看未读" }).click({ force: true });
  await expect(page).toHaveURL(/unread=1/);
  await expect(page.getByRole("switch", { name: "只看未读" })).toBeChecked();
  await expect(page.getByText("暂无通知")).toBeVisible();
});

test("the outbox page shows what the log channel delivered, filters by status; only the county admin has it", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await openMenuEntry(page, "消息发送记录");
  await expect(page).toHaveURL(/\/county\/outbox$/);
  const delivered = page.locator('[data-testid="outbox-message"][data-status="delivered"]');
  // Delivered by the worker's first rounds (this test may run on its own).
  await expect(async () => {
    await page.reload();
    await expect(delivered.first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  // A notification (the demo's citizens who left a mobile number have SMS rows beside them).
  const row = delivered.filter({ hasText: "流程通知" }).first();
  await expect(row).toContainText("已发送");
  await expect(row).toContainText("仅记录（未外发");
  await expect(row).not.toContainText(/notify|case\./);
  await expect(row.getByRole("link")).toHaveAttribute("href", /^\/work\/cases\/[0-9a-f-]{36}$/);

  await page.getByText(/^发送失败 \d+$/).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText("暂无消息")).toBeVisible();
  await page.getByText(/^已发送 \d+$/).click();
  await expect(page).toHaveURL(/status=delivered/);
  await expect(delivered.first()).toBeVisible();
  await expect(page.locator('[data-testid="outbox-message"]:not([data-status="delivered"])')).toHaveCount(0);

  await signOut(page);
  await signIn(page, "xxt-jinling");
  await expect(page.getByTestId("bell")).toBeVisible();
  await expect(page.getByRole("link", { name: "消息发送记录" })).toHaveCount(0);
  expect((await page.request.get("/county/outbox")).status()).toBe(404);
  const retry = await page.request.post("/county/outbox", {
    form: { id: "00000000-0000-4000-8000-000000000000" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(retry.status()).toBe(404);
});
