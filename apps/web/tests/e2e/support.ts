import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "rdlink-demo-2026";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  // The address changes before the signed-in page is drawn: wait for the page itself.
  await expect(page.getByTestId("current-user")).toBeAttached();
}

/**
 * Signs out and waits for the sign-in page: the button posts a form, and a page opened before
 * its answer arrives would still carry the old session cookie.
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut/);
}

/** Waits until React has hydrated the page: hover and key handlers exist only from then on. */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/**
 * Opens a Mantine Select and clicks one of its options. Waits for hydration first: a click on the
 * server-rendered input before React has attached its handlers opens nothing.
 */
export async function choose(page: Page, label: string, option: string | RegExp | "first") {
  await waitForHydration(page);
  await chooseOption(page, page.getByRole("combobox", { name: label }), option);
}

/**
 * Opens the given Select until its option shows, then clicks it. In a dialog that is still opening,
 * the dialog's focus trap can take the focus right after the click and the Select closes again;
 * opening it once more is what a user would do.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp | "first") {
  const target =
    option === "first" ? page.getByRole("option").first() : page.getByRole("option", { name: option, exact: true });
  await expect(async () => {
    if (!(await target.isVisible())) await combobox.click();
    await expect(target).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await target.click();
}

/** Picks an option in a Mantine Select by typing part of its label. */
export async function pick(page: Page, label: string, option: string) {
  await waitForHydration(page);
  const input = page.getByRole("combobox", { name: label, exact: true });
  await input.click();
  await input.fill(option.slice(0, 2));
  await page.getByRole("option", { name: option, exact: true }).click();
}

/**
 * Follows an entry of the signed-in menu by its name, unfolding its group first when the group
 * is folded (only the group holding the current page, and the work group, start open).
 */
export async function openMenuEntry(page: Page, name: string) {
  await waitForHydration(page);
  const nav = page.getByRole("navigation");
  // Found by an attribute while folded: a hidden link has no reliable accessible name or text.
  const folded = page.locator(`a[data-label="${name}"]`);
  const group = nav.locator("[data-nav-group]").filter({ has: folded });
  const link = nav.getByRole("link", { name, exact: true });
  // Right after a client-side navigation the address can change before the new page is drawn.
  await expect(nav.locator(`a[data-label="${name}"]`)).toBeAttached();
  if ((await group.count()) > 0) {
    const toggle = group.getByRole("button").first();
    // Again if the page was still settling after sign-in and the group folded back.
    await expect(async () => {
      if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
      await expect(link).toBeVisible({ timeout: 2_000 });
    }).toPass();
  }
  await link.click();
}

/**
 * A 交办会 of the session at `sessionPath` (its page's address): the first one listed there, or
 * one held now through the session page's own form (its answer redirects to the new meeting).
 */
export async function meetingOf(page: Page, sessionPath: string) {
  await page.goto(sessionPath);
  const listed = await page
    .getByTestId("meetings")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  if (listed.length > 0) return listed[0]!;
  const answer = await page.request.post(sessionPath, {
    headers: { origin: new URL(page.url()).origin },
    form: { intent: "meeting", heldOn: "2026-02-10", attendees: "" },
    maxRedirects: 0,
  });
  expect(answer.status(), sessionPath).toBe(302);
  return new URL(answer.headers().location!, page.url()).pathname;
}

/**
 * A row of one of the county dashboard's tables of figures by township and year (as the county
 * admin sees it): its numbers, the township and year cells left out; zeros when the row is absent.
 * Without a year, the township's latest year.
 */
export async function dashboardFigures(page: Page, testId: string, township: string, year?: string) {
  await page.goto("/county/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const rows = await page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  const years = (row: string[]) => row.filter((cell) => /^\d{4}$/.test(cell));
  const matching = rows
    .filter((row) => row.includes(township) && (year === undefined || row.includes(year)))
    .sort((a, b) => Number(years(b)[0]) - Number(years(a)[0]));
  return matching[0]?.filter((cell) => cell !== township && !/^\d{4}$/.test(cell)).map(Number) ?? null;
}
