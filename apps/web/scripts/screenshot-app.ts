/**
 * What the screenshot scripts share: the built app on a fresh demo database, Debian's Chromium,
 * and a page signed in as a demo user.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { app, ensureBuild, startBuiltApp } from "../bench/built-app";

const knobs = readKnobs({
  port: intKnob("E2E_PORT", 4310),
  chromium: textKnob("CHROMIUM_PATH", "/usr/bin/chromium"),
});
const BASE = `http://localhost:${knobs.port}`;
const dataDir = ".data/screenshots";

export type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1366, height: 768 };
export const PHONE: Viewport = { width: 375, height: 667 };

/** Where a screenshot goes: apps/web/docs/<file>. */
export const docsFile = (file: string) => path.join(app, "docs", file);

/** Runs `shoot` with a browser against the built app on a fresh demo database, then stops both. */
export async function withDemoApp(shoot: (browser: Browser) => Promise<void>) {
  ensureBuild();
  rmSync(path.join(app, dataDir), { recursive: true, force: true });
  const { stop } = await startBuiltApp(
    BASE,
    { PORT: String(knobs.port), HOST: "localhost", DATA_DIR: dataDir },
    // Seeding the demo county takes a while on a busy machine.
    { portKnob: "E2E_PORT", startSeconds: 240, stderr: "inherit" },
  );
  try {
    const browser = await chromium.launch({ executablePath: knobs.chromium, args: ["--no-sandbox", "--disable-gpu"] });
    await shoot(browser);
    await browser.close();
  } finally {
    stop();
  }
}

/** A new page at `viewport`, signed in as the demo `username`, on its landing page. */
export async function signedInPage(browser: Browser, username: string, viewport: Viewport): Promise<Page> {
  const page = await browser.newPage({ viewport, baseURL: BASE, deviceScaleFactor: 1 });
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("rdlink-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  // The signed-in page itself (its menu), not the sign-in form still on screen while it loads.
  await page.getByRole("navigation").waitFor();
  return page;
}
