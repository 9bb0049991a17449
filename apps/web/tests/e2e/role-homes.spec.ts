import { expect, type Page, test } from "@playwright/test";
import { signIn, signOut, waitForHydration } from "./support";

/** Each demo role, where it lands, and what that page shows of its own work. */
const roles = [
  { username: "operator", home: /\/platform$/, heading: "区县租户", work: "tenants" },
  { username: "xxt-admin", home: /\/county$/, heading: "西乡塘区人大常委会", work: "desk" },
  { username: "xxt-jinling", home: /\/desk$/, heading: "我的工作台", work: "desk" },
  { username: "xxt-liaison", home: /\/desk$/, heading: "我的工作台", work: "desk" },
  { username: "xxt-deputy", home: /\/desk$/, heading: "我的工作台", work: "desk" },
  { username: "xxt-responder", home: /\/desk$/, heading: "我的工作台", work: "desk" },
] as const;

/** Unfolds every folded group of the menu, so that each entry can be seen and followed. */
async function unfoldMenu(page: Page) {
  const nav = page.getByRole("navigation");
  for (const toggle of await nav.locator("[data-nav-group] > button").all()) {
    if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  }
}

test.use({ viewport: { width: 1366, height: 768 } });

for (const role of roles) {
  test(`${role.username} lands on its own work, and every entry of its menu opens`, async ({ page }) => {
    await signIn(page, role.username);
    await expect(page).toHaveURL(role.home);
    await expect(page.getByRole("heading", { level: 1, name: role.heading })).toBeVisible();

    if (role.username === "xxt-deputy") {
      await expect(page.getByRole("heading", { name: "我的履职" })).toBeVisible();
      await expect(page.getByText("进站站点")).toBeVisible();
    }
    if (role.work === "desk") {
      // The figure is the workbench's own count of the cases on this desk, and opens it.
      const pending = Number(await page.getByTestId("desk-total-count").textContent());
      const listed = Math.min(pending, 6);
      await expect(page.getByTestId("pending-work").locator("tbody tr")).toHaveCount(listed);
      if (pending > 0) {
        await page.getByTestId("desk-total").click();
        await expect(page).toHaveURL(/\/work$/);
        await expect(page.getByText(/^共 \d+ 条$/)).toHaveText(`共 ${pending} 条`);
        // The case list is 案件办理, in its heading, its tab and its menu entry, never 工作台 like the desk.
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("案件办理");
        await expect(page).toHaveTitle(/^案件办理 · /);
        await expect(page.getByRole("navigation").getByRole("link", { name: "案件办理", exact: true })).toHaveAttribute(
          "href",
          "/work",
        );
      } else {
        await expect(page.getByText("目前没有等待您办理的事项。")).toBeVisible();
      }
    }

    // The menu fits a 1366×768 screen: its scrolling area does not scroll.
    await waitForHydration(page);
    const viewport = page.getByRole("navigation").locator(".mantine-ScrollArea-viewport");
    const overflow = await viewport.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow).toBeLessThanOrEqual(0);

    await unfoldMenu(page);
    const nav = page.getByRole("navigation");
    const entries = await nav
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => ({ name: a.textContent ?? "", href: a.getAttribute("href") ?? "" })));
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const what = `${entry.name} (${entry.href})`;
      // Clicked in the menu, as a user follows it (its group unfolded again if it folded).
      await unfoldMenu(page);
      await nav.locator(`a[href="${entry.href}"]`).click();
      await expect(page, what).toHaveURL(new URL(entry.href, page.url()).href);
      await expect(page.locator("main h1").first(), what).toBeVisible();
      await expect(page.locator(".pub-error-page"), what).toHaveCount(0);
      // The same page asked for as a document: it answers, with its Content-Security-Policy.
      const document = await page.request.get(entry.href);
      expect(document.status(), what).toBe(200);
      expect(document.headers()["content-security-policy"], what).toContain("script-src 'self' 'nonce-");
    }
  });
}

test("a handling unit's and a deputy's menus leave out the county's directories", async ({ page }) => {
  for (const username of ["xxt-responder", "xxt-deputy"]) {
    await signIn(page, username);
    await unfoldMenu(page);
    const names = await page.getByRole("navigation").getByRole("link").allTextContents();
    for (const directory of ["乡镇街道", "站点", "人大代表", "岗位目录", "网格", "承办单位"]) {
      expect(names, username).not.toContain(directory);
    }
    await signOut(page);
  }
});
