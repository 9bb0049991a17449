/**
 * `pnpm screenshot:designer`: the built app on a fresh demo database, the shipped 群众意见建议办理
 * workflow opened in the designer at 1366×768 and on a 375×667 phone, saved as
 * docs/screenshot-designer.png and docs/screenshot-designer-phone.png. Prints the zoom the
 * canvas fits the workflow at and the smallest state-name text on screen (in px).
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

async function openDesigner(browser: Browser, viewport: { width: number; height: number }, file: string) {
  const page = await browser.newPage({ viewport, baseURL: BASE, deviceScaleFactor: 1 });
  await page.goto("/sign-in");
  await page.getByLabel("用户名").fill("xxt-admin");
  await page.getByLabel("密码").fill("rdlink-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.goto("/county/workflows");
  await page.getByRole("link", { name: "群众意见建议办理" }).first().click();
  await page.getByTestId("designer").waitFor();
  await page.getByTestId("node-退回裁定").waitFor();
  // Routed edges (ELK runs a moment after the draft opens) and the fitted view.
  await page.locator(".react-flow__edge path[d*='Q']").first().waitFor();
  // The view moves once more when the routes arrive (it fits them too): wait until it holds still.
  await page.waitForFunction(
    () => {
      const w = window as unknown as { lastTransform?: string; stillFor?: number };
      const transform = getComputedStyle(document.querySelector(".react-flow__viewport")!).transform;
      w.stillFor = transform === w.lastTransform ? (w.stillFor ?? 0) + 1 : 0;
      w.lastTransform = transform;
      return w.stillFor >= 5;
    },
    undefined,
    { polling: 200 },
  );
  const figures = await textFigures(page);
  await page.screenshot({ path: path.join(app, "docs", file) });
  await page.close();
  return figures;
}

/** The canvas's zoom and the smallest rendered size of a state's name, on screen. */
async function textFigures(page: Page) {
  return page.evaluate(() => {
    const transform = getComputedStyle(document.querySelector(".react-flow__viewport")!).transform;
    const zoom = new DOMMatrixReadOnly(transform).a;
    const sizes = [...document.querySelectorAll(".state-node-title")].map(
      (e) => Number.parseFloat(getComputedStyle(e).fontSize) * zoom,
    );
    return { zoom: Math.round(zoom * 1000) / 1000, smallestTitlePx: Math.round(Math.min(...sizes) * 10) / 10 };
  });
}

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
  const desktop = await openDesigner(browser, { width: 1366, height: 768 }, "screenshot-designer.png");
  const phone = await openDesigner(browser, { width: 375, height: 667 }, "screenshot-designer-phone.png");
  await browser.close();
  console.log(JSON.stringify({ desktop, phone }));
} finally {
  stop();
}
