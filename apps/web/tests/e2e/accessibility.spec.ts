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
  {
    username: "operator",
    // The template set the platform ships with (migration 0042).
    paths: [
      "/platform",
      "/platform/onboard",
      "/platform/templates",
      "/platform/templates/0a3e1f6c-3b1d-4c52-9d1e-5c2f3a000001",
    ],
  },
  {
    username: "xxt-admin",
    paths: [
      "/county",
      "/county/dashboard",
      "/work",
      "/county/stations",
      "/county/deputies",
      "/county/deputy-records",
      "/county/ledger",
      "/county/workflows",
      "/county/users",
      "/county/audit",
      "/county/outbox",
      "/county/calendar",
      "/county/sms",
      "/county/api-keys",
      "/notifications",
    ],
  },
  {
    username: "xxt-jinling",
    paths: [
      "/desk",
      "/work",
      "/county/townships",
      "/county/handling-units",
      "/county/deputy-records",
      "/county/voting",
      "/county/pairs",
    ],
  },
  { username: "xxt-liaison", paths: ["/desk", "/work/new", "/county/consultations"] },
  { username: "xxt-deputy", paths: ["/desk", "/work", "/desk/pairs"] },
  { username: "xxt-responder", paths: ["/desk", "/work"] },
];

for (const { username, paths } of signedInPages) {
  test(`${username}: every page of its work`, async ({ page }) => {
    await signIn(page, username);
    for (const path of paths) await check(page, path, `${username} ${path}`);
  });
}

// 考核 (decision 0027), apart: the admin's list above is already long for its time limit on a busy machine.
test("xxt-admin: the 考核 page", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await check(page, "/county/deputy-scoring", "xxt-admin /county/deputy-scoring");
});

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

/** Opens the first case of a list (its address as the role sees it), failing when the list is empty. */
async function openFirstCase(page: Page, list: string) {
  await page.goto(list);
  await page.getByTestId("inbox").locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/work\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("case-holder")).toBeVisible();
}

/** Each role that works on cases, and a list where it finds one it can open. */
const casePages = [
  { username: "xxt-jinling", list: "/work?view=all" },
  { username: "xxt-liaison", list: "/work?view=all" },
  { username: "xxt-responder", list: "/work" },
  { username: "xxt-deputy", list: "/work?view=all&state=groupReview" },
];

for (const { username, list } of casePages) {
  test(`${username}: a case page`, async ({ page }) => {
    await signIn(page, username);
    await openFirstCase(page, list);
    await expectAccessible(page, `${username} case page`);
  });
}

test("the case page with the 交办 dialog open, and the 办理单 to print", async ({ page }) => {
  await signIn(page, "xxt-jinling");
  await openFirstCase(page, "/work?state=assignment");
  await waitForHydration(page);
  await page.getByTestId("case-actions").getByRole("button", { name: "交办", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("交办意见")).toBeVisible();
  await expectAccessible(page, "交办 dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const print = `${new URL(page.url()).pathname}/print`;
  await check(page, print, "办理单");
  await expect(page.getByTestId("sheet-timeline")).toBeVisible();
});

test("an invitation link, and the answer to an unknown tracking code", async ({ page, browser }) => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, "xxt-admin");
  await admin.goto("/county/users");
  await waitForHydration(admin);
  await admin.getByRole("button", { name: "邀请用户" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("用户名").fill("xxt-a11y-invitee");
  await dialog.getByLabel("姓名").fill("石埠街道韦干事");
  await dialog.getByLabel("负责的乡镇（街道）").click();
  await admin.getByRole("option", { name: "石埠街道" }).click();
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  const invitation = await dialog.getByTestId("invitation-url").inputValue();
  await expectAccessible(admin, "invitation shown to the admin");
  await context.close();

  await check(page, new URL(invitation).pathname, "invitation");
  await expect(page.getByLabel("确认新密码")).toBeVisible();

  // Well formed but nobody's: the tracking page answers on itself (with a 404 status).
  expect((await page.goto("/t/450107-ZZZZ2222"))?.status()).toBe(404);
  await expect(page.getByTestId("track-not-found")).toBeVisible();
  await expectAccessible(page, "unknown tracking code");
});

test.describe("on a 375×667 phone", () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test("each role's home and the public form", async ({ browser }) => {
    for (const username of ["operator", "xxt-admin", "xxt-jinling", "xxt-liaison", "xxt-deputy", "xxt-responder"]) {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
      const page = await context.newPage();
      await signIn(page, username);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expectAccessible(page, `${username} home on a phone`);
      if (username === "xxt-admin") {
        await page.goto("/county/stations");
        await page.getByTestId("stations").getByRole("link").first().click();
        const publicCode = (await page.getByTestId("public-code").textContent())!.trim();
        await check(page, `/s/${publicCode}`, "public form on a phone");
      }
      await context.close();
    }
  });
});
