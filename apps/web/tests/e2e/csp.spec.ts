import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn, waitForHydration } from "./support";

/**
 * Every page carries a nonce-based Content-Security-Policy (docs/decisions/0006): on the main
 * journeys each document gets a policy with a nonce of its own, every script in it carries
 * that nonce, the page still hydrates and works, and the browser reports no violation and
 * no console error on the way.
 */

type Violation = { directive: string; blocked: string; source: string; sample: string; path: string };
type Watched = { page: Page; violations: Violation[]; errors: string[] };

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A fresh browser whose CSP violations and console errors are recorded, across navigations. */
async function watchedPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext();
  contexts.push(context);
  const violations: Violation[] = [];
  const errors: string[] = [];
  await context.exposeFunction("__reportCspViolation", (violation: Violation) => violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (v: Violation) => void }).__reportCspViolation;
      void report({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        sample: event.sample,
        path: location.pathname,
      });
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${new URL(page.url()).pathname}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${new URL(page.url()).pathname}: ${error.message}`));
  return { page, violations, errors };
}

/** The nonce in a document response's policy, after checking the policy's other parts. */
function nonceOf(policy: string | undefined): string {
  expect(policy, "the document has a Content-Security-Policy").toBeDefined();
  const scriptSrc = policy!.split("; ").find((directive) => directive.startsWith("script-src "));
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' *$/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  return scriptSrc!.match(/'nonce-([^']+)'/)![1]!;
}

/** Every script in the page carries the document's nonce (and there are some: React Router's). */
async function expectScriptsCarry(page: Page, nonce: string) {
  const nonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
  expect(nonces.length).toBeGreaterThanOrEqual(2);
  expect(nonces).toEqual(nonces.map(() => nonce));
}

/**
 * Loads a page twice by full document requests: each time a policy with a nonce of its own,
 * carried by its scripts, and the page hydrates (so the scripts ran under the policy).
 */
async function loadTwice(page: Page, path: string) {
  const first = await page.goto(path);
  expect(first?.status()).toBe(200);
  const firstNonce = nonceOf(first?.headers()["content-security-policy"]);
  await waitForHydration(page);
  await expectScriptsCarry(page, firstNonce);
  const second = await page.reload();
  const secondNonce = nonceOf(second?.headers()["content-security-policy"]);
  expect(secondNonce).not.toBe(firstNonce);
  await waitForHydration(page);
  await expectScriptsCarry(page, secondNonce);
}

function expectNoProblems({ violations, errors }: Watched) {
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
}

test("sign-in: a script without the nonce is refused and reported; HSTS only over TLS", async ({
  browser,
  request,
}) => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await loadTwice(page, "/sign-in");
  expectNoProblems(watched);

  // What an injected script would be: it does not run, and the browser says why.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.head.append(script);
  });
  await expect.poll(() => watched.violations.length).toBe(1);
  expect(watched.violations[0]).toMatchObject({ directive: "script-src-elem", blocked: "inline" });
  await expect.poll(() => watched.errors.join("\n")).toContain("Content Security Policy");
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  watched.violations.length = 0;
  watched.errors.length = 0;

  // Plain HTTP: no HSTS. Through the TLS proxy (X-Forwarded-Proto: https): HSTS.
  const plain = await request.get("/sign-in");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const overTls = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
  expect(overTls.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(nonceOf(overTls.headers()["content-security-policy"])).not.toBe(
    nonceOf(plain.headers()["content-security-policy"]),
  );

  await signIn(page, "xxt-admin");
  await waitForHydration(page);
  expectNoProblems(watched);
});

test("county admin: dashboard, a new workflow laid out by ELK, stations, a station, teams", async ({ browser }) => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await signIn(page, "xxt-admin");

  await loadTwice(page, "/county/dashboard");
  await expect(page.getByTestId("stat-closed")).toBeVisible();

  // A workflow from a template has no positions yet: the designer loads ELK to lay it out,
  // and again for 自动布局.
  await page.goto("/county/workflows/new");
  await page.getByLabel("流程名称").fill("安全策略检查流程");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByTestId("designer")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await page.getByRole("button", { name: "自动布局" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await loadTwice(page, new URL(page.url()).pathname);
  await expect(page.getByTestId("designer")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();

  await loadTwice(page, "/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  await expect(page.getByTestId("public-code")).toBeVisible();
  await loadTwice(page, new URL(page.url()).pathname);
  // The map point is a link out to the map site, not an embedded map: nothing to load.
  await expect(page.getByRole("link", { name: /^\d+\.\d{5}, \d+\.\d{5}$/ })).toHaveAttribute(
    "href",
    /^https:\/\/uri\.amap\.com\/marker\?/,
  );

  await loadTwice(page, "/county/teams");
  await expect(page.getByRole("button", { name: "新建团队" })).toBeVisible();
  expectNoProblems(watched);
});

test("township operator: the workbench and a case", async ({ browser }) => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await signIn(page, "xxt-jinling");
  await loadTwice(page, "/work?view=all");
  await page.getByTestId("inbox").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/work\/cases\//);
  await expect(page.getByTestId("case-state")).toBeVisible();
  await loadTwice(page, new URL(page.url()).pathname);
  await expect(page.getByTestId("case-state")).toBeVisible();
  expectNoProblems(watched);
});

test("citizen: the station's public form, its proof of work solved and sent, then the tracking page", async ({
  browser,
}) => {
  const admin = await watchedPage(browser);
  await signIn(admin.page, "xxt-admin");
  await admin.page.goto("/county/stations");
  await admin.page.getByTestId("stations").getByRole("link").first().click();
  const publicCode = (await admin.page.getByTestId("public-code").textContent())!.trim();

  const watched = await watchedPage(browser);
  const { page } = watched;
  await loadTwice(page, `/s/${publicCode}`);
  // A native select: the phone's own picker (docs/decisions/0014).
  await page.getByRole("combobox", { name: "问题类别" }).selectOption({ label: "城乡建设" });
  await page.getByRole("textbox", { name: /^意见建议/ }).fill("村口路灯坏了，晚上看不清路");
  // Enabled only once the page's script has solved the proof of work.
  const submit = page.getByRole("button", { name: "提交意见" });
  await expect(submit).toBeEnabled({ timeout: 60_000 });
  await submit.click();
  const trackingCode = (await page.getByTestId("tracking-code").textContent())!.trim();
  expect(trackingCode).toMatch(/^\d{6}-[2-9A-Z]{8}$/);

  await page.getByRole("link", { name: "查看办理进度" }).click();
  await expect(page.getByTestId("track-stage")).toHaveText("登记");
  await loadTwice(page, `/t/${trackingCode}`);
  await expect(page.getByTestId("track-stage")).toHaveText("登记");
  expectNoProblems(watched);
  expectNoProblems(admin);
});
