/**
 * `pnpm screenshot:case`: the built app on a fresh demo database; the handling unit's responder
 * opens the first overdue case of its list, saved at 1366×768 and on a 375×667 phone as
 * docs/screenshot-case.png and docs/screenshot-case-phone.png.
 */
import type { Browser } from "@playwright/test";
import { DESKTOP, docsFile, PHONE, signedInPage, type Viewport, withDemoApp } from "./screenshot-app";

async function casePage(browser: Browser, viewport: Viewport, file: string) {
  const page = await signedInPage(browser, "xxt-responder", viewport);
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
  await page.screenshot({ path: docsFile(file) });
  await page.close();
}

await withDemoApp(async (browser) => {
  await casePage(browser, DESKTOP, "screenshot-case.png");
  await casePage(browser, PHONE, "screenshot-case-phone.png");
});
