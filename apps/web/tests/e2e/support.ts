import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "rdlink-demo-2026";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
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
  await page.getByRole("combobox", { name: label }).click();
  const options = page.getByRole("option");
  await (option === "first" ? options.first() : page.getByRole("option", { name: option, exact: true })).click();
}

/** Picks an option in a Mantine Select by typing part of its label. */
export async function pick(page: Page, label: string, option: string) {
  await waitForHydration(page);
  const input = page.getByRole("combobox", { name: label, exact: true });
  await input.click();
  await input.fill(option.slice(0, 2));
  await page.getByRole("option", { name: option, exact: true }).click();
}
