/**
 * `pnpm screenshot:case`: the built app on a fresh demo database; the handling unit's responder
 * opens the first overdue case of its list, saved at 1366×768 and on a 375×667 phone as
 * docs/screenshot-case.png and docs/screenshot-case-phone.png.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { app, ensureBuild, startBuiltApp } from "../bench/built-app";

const knobs = readKnobs({
  port: intKnob("E2E_PORT", 4310),
  chromium: textKnob("CHROMIUM_PATH", "/usr/bin/chromium"),
});
const BASE = `http://localhost:${knobs.port}`;
const dataDir = ".data/screenshots";

async function casePage(browser: Browser, viewport: { width: number; height: number }, file: string) {
  const page = await browser.newPage({ viewport, baseURL: BASE, deviceScaleFactor: 1 });
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill("xxt-responder");
  await page.getByLabel("密码").fill("rdlink-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.getByRole("navigation").waitFor();
  // A case on the responder's own desk, overdue: the page at its most telling.
  await page.goto("/work?deadline=overdue");
  const href = await page
    .getByTestId("inbox")
    .locator("tbody tr")
    .first()
    .getByRole("link")
    .first()
    .getAttribute("href");
  await page.goto(href!);
  await page.getByTestId("case-holder").waitFor();
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
  await page.screenshot({ path: path.join(app, "docs", file) });
  await page.close();
}

ensureBuild();
rmSync(path.join(app, dataDir), { recursive: true, force: true });
const { stop } = await startBuiltApp(
  BASE,
  { PORT: String(knobs.port), HOST: "localhost", DATA_DIR: dataDir },
  { portKnob: "E2E_PORT", startSeconds: 240, stderr: "inherit" },
);
try {
  const browser = await chromium.launch({ executablePath: knobs.chromium, args: ["--no-sandbox", "--disable-gpu"] });
  await casePage(browser, { width: 1366, height: 768 }, "screenshot-case.png");
  await casePage(browser, { width: 375, height: 667 }, "screenshot-case-phone.png");
  await browser.close();
} finally {
  stop();
}
