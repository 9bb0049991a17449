import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { pick, signIn } from "./support";

/**
 * Tenant A's admin asks for tenant B's pages by id, as an attacker would: every one
 * is a 404 that shows nothing of B. A meta-check makes sure every route with an id
 * in its path is covered here (or allowlisted with a reason).
 */
const ID_ROUTES_COVERED = [
  "tenants/:tenantId",
  "townships/:townshipId",
  "stations/:stationId",
  "stations/:stationId/qr/:format",
];
const ID_ROUTES_ALLOWED = {
  "invite/:token": "public by design: the token is the credential (tested in onboarding.spec.ts)",
};

const B_PASSWORD = "邕江两岸青秀山下";

async function onboardCountyB(page: Page) {
  await signIn(page, "operator");
  await page.goto("/platform/onboard");
  await pick(page, "省份", "广西壮族自治区");
  await pick(page, "地级市", "南宁市");
  await pick(page, "区县", "青秀区");
  await page.getByLabel("首位管理员用户名").fill("qx-admin");
  await page.getByLabel("管理员姓名").fill("青秀区管理员");
  await page.getByRole("button", { name: "开通区县" }).click();
  const invitation = await page.getByTestId("invitation-url").inputValue();
  await page.getByRole("link", { name: "查看区县" }).click();
  await expect(page).toHaveURL(/\/platform\/tenants\//);
  const tenantUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "退出登录" }).click();

  await page.goto(invitation);
  await page.getByLabel(/^新密码/).fill(B_PASSWORD);
  await page.getByLabel("确认新密码").fill(B_PASSWORD);
  await page.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(page).toHaveURL(/\/county$/);
  await page.goto("/county/townships");
  const townshipUrls = await page
    .getByTestId("townships")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.getByRole("button", { name: "退出登录" }).click();
  return { tenantUrl, townshipUrls };
}

test("every route with an id in its path is covered by the isolation check", () => {
  const routes = readFileSync(new URL("../../app/routes.ts", import.meta.url), "utf8");
  const withIds = [...routes.matchAll(/route\("([^"]*:[^"]*)"/g)].map((m) => m[1]);
  expect(withIds.sort()).toEqual([...ID_ROUTES_COVERED, ...Object.keys(ID_ROUTES_ALLOWED)].sort());
});

test("tenant A's admin gets 404 for every tenant-B URL, never B's data", async ({ page }) => {
  const b = await onboardCountyB(page);
  expect(b.townshipUrls.length).toBe(11);
  expect(b.tenantUrl).toMatch(/^\/platform\/tenants\/[0-9a-f-]{36}$/);

  await signIn(page, "xxt-admin");
  for (const url of [b.tenantUrl, ...b.townshipUrls]) {
    for (const variant of [url, `${url}.data`]) {
      const response = await page.request.get(variant, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(404);
      const body = await response.text();
      expect(body, variant).not.toContain("青秀");
      expect(body, variant).not.toContain("新竹街道");
    }
  }
  // The page itself, in the browser, is the translated 404.
  await page.goto(b.townshipUrls[0]!);
  await expect(page.getByRole("heading", { name: "找不到页面" })).toBeVisible();

  // The same id-bearing pages of A's own county answer.
  await page.goto("/county/townships");
  const own = await page.getByTestId("townships").getByRole("link").first().getAttribute("href");
  expect((await page.request.get(own!)).status()).toBe(200);

  // The other way round: B's admin asks for A's stations, their QR codes and posters.
  await page.goto("/county/stations");
  const stationUrls = await page
    .getByTestId("stations")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(stationUrls.length).toBeGreaterThan(5);
  expect((await page.request.get(`${stationUrls[0]}/qr/png`)).status()).toBe(200);
  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, "qx-admin", B_PASSWORD);
  for (const url of stationUrls) {
    for (const variant of [url, `${url}.data`, `${url}/qr/png`, `${url}/qr/svg`, `${url}/qr/poster`]) {
      const response = await page.request.get(variant, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(404);
      expect(await response.text(), variant).not.toContain("西乡塘");
    }
  }
});
