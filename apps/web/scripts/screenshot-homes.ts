/**
 * `pnpm screenshot:homes`: the built app on a fresh demo database; each demo role signs in and
 * its landing page is saved at 1366×768 and on a 375×667 phone as
 * docs/screenshot-home-<user>.png and docs/screenshot-home-<user>-phone.png; the county admin's
 * 乡镇街道 list, the root README's picture, as docs/screenshot-townships.png.
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
const users = ["operator", "xxt-admin", "xxt-jinling", "xxt-liaison", "xxt-deputy", "xxt-responder"];

async function home(
  browser: Browser,
  username: string,
  viewport: { width: number; height: number },
  file: string,
  then?: string,
) {
  const page = await browser.newPage({ viewport, baseURL: BASE, deviceScaleFactor: 1 });
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("rdlink-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // The signed-in page itself (its menu), not the sign-in form still on screen while it loads.
  await page.getByRole("navigation").waitFor();
  await page.locator("main h1").first().waitFor();
  if (then) {
    await page.goto(then);
    await page.locator("main h1").first().waitFor();
  }
  await page.screenshot({ path: path.join(app, "docs", file), fullPage: viewport.width < 500 });
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
  for (const username of users) {
    await home(browser, username, { width: 1366, height: 768 }, `screenshot-home-${username}.png`);
    await home(browser, username, { width: 375, height: 667 }, `screenshot-home-${username}-phone.png`);
  }
  // Tall enough for the whole list beside the menu (a full-page shot would end the menu at 768 px).
  await home(browser, "xxt-admin", { width: 1366, height: 1024 }, "screenshot-townships.png", "/county/townships");
  await browser.close();
} finally {
  stop();
}
