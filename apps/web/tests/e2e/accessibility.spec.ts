import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn, waitForHydration } from "./support";

/** A 1×1 PNG: the citizen's photo, so the form's photo list (and its remove button) is checked too. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * axe-core with the WCAG 2.1 A and AA rules on the page as it stands (hydrated), failing on
 * any serious or critical violation; each violation is listed with the elements it found.
 */
async function expectAccessible(page: Page, what: string) {
  await waitForHydration(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const grave = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  console.log(`[axe] ${what}: ${grave.length} serious or critical, ${violations.length - grave.length} minor`);
  expect(grave, what).toEqual([]);
}

async function check(page: Page, path: string, what = path) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expectAccessible(page, what);
}

test("sign-in, the public form (with a photo), its success page and the tracking pages", async ({ page, browser }) => {
  await check(page, "/sign-in");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "xxt-admin");
  await admin.goto("/county/stations");
  await admin.getByTestId("stations").getByRole("link").first().click();
  const publicCode = (await admin.getByTestId("public-code").textContent())!.trim();
  await admin.context().close();

  await check(page, `/s/${publicCode}`, "public form");
  await page.getByRole("combobox", { name: "问题类别" }).selectOption({ label: "城乡建设" });
  await page.getByRole("textbox", { name: /^意见建议/ }).fill("村口路灯坏了，晚上看不清路");
  await page.locator('input[type="file"]').setInputFiles({ name: "light.png", mimeType: "image/png", buffer: PNG });
  await expectAccessible(page, "public form with a photo");
  const submit = page.getByRole("button", { name: "提交意见" });
  await expect(submit).toBeEnabled({ timeout: 60_000 });
  await submit.click();
  const trackingCode = (await page.getByTestId("tracking-code").textContent())!.trim();
  await expectAccessible(page, "submitted");
  await check(page, "/t", "tracking form");
  await check(page, `/t/${trackingCode}`, "tracking result");
});

const signedInPages: { username: string; paths: string[] }[] = [
  { username: "operator", paths: ["/platform", "/platform/onboard"] },
  {
    username: "xxt-admin",
    paths: [
      "/county",
      "/county/dashboard",
      "/work",
      "/county/stations",
      "/county/deputies",
      "/county/ledger",
      "/county/workflows",
      "/county/users",
      "/county/audit",
      "/county/outbox",
      "/county/calendar",
      "/notifications",
    ],
  },
  { username: "xxt-jinling", paths: ["/desk", "/work", "/county/townships", "/county/handling-units"] },
  { username: "xxt-liaison", paths: ["/desk", "/work/new"] },
  { username: "xxt-deputy", paths: ["/desk"] },
  { username: "xxt-responder", paths: ["/desk", "/work"] },
];

for (const { username, paths } of signedInPages) {
  test(`${username}: every page of its work`, async ({ page }) => {
    await signIn(page, username);
    for (const path of paths) await check(page, path, `${username} ${path}`);
  });
}

test("a case page, a station, and the workflow designer", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/work?view=all");
  await page.getByTestId("inbox").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/work\/cases\//);
  await expectAccessible(page, "case page");

  await page.goto("/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/county\/stations\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "station page");

  await page.goto("/county/workflows");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/county\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expectAccessible(page, "designer");
});
