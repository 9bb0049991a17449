/**
 * `pnpm screenshot:designer`: the built app on a fresh demo database, the shipped 群众意见建议办理
 * workflow opened in the designer at 1366×768 and on a 375×667 phone, saved as
 * docs/screenshot-designer.png and docs/screenshot-designer-phone.png. Prints the zoom the
 * canvas fits the workflow at and the smallest state-name text on screen (in px).
 */
import type { Browser, Page } from "@playwright/test";
import { DESKTOP, docsFile, PHONE, signedInPage, type Viewport, withDemoApp } from "./screenshot-app";

async function openDesigner(browser: Browser, viewport: Viewport, file: string) {
  const page = await signedInPage(browser, "xxt-admin", viewport);
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
  await page.screenshot({ path: docsFile(file) });
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

await withDemoApp(async (browser) => {
  const desktop = await openDesigner(browser, DESKTOP, "screenshot-designer.png");
  const phone = await openDesigner(browser, PHONE, "screenshot-designer-phone.png");
  console.log(JSON.stringify({ desktop, phone }));
});
