/**
 * `pnpm screenshot:homes`: the built app on a fresh demo database; each demo role signs in and
 * its landing page is saved at 1366×768 and on a 375×667 phone as
 * docs/screenshot-home-<user>.png and docs/screenshot-home-<user>-phone.png; the county admin's
 * 乡镇街道 list, the root README's picture, as docs/screenshot-townships.png.
 */
import type { Browser } from "@playwright/test";
import { DESKTOP, docsFile, PHONE, signedInPage, type Viewport, withDemoApp } from "./screenshot-app";

const users = ["operator", "xxt-admin", "xxt-jinling", "xxt-liaison", "xxt-deputy", "xxt-responder"];

async function home(browser: Browser, username: string, viewport: Viewport, file: string, then?: string) {
  const page = await signedInPage(browser, username, viewport);
  await page.locator("main h1").first().waitFor();
  if (then) {
    await page.goto(then);
    await page.locator("main h1").first().waitFor();
  }
  await page.screenshot({ path: docsFile(file), fullPage: viewport.width < 500 });
  await page.close();
}

await withDemoApp(async (browser) => {
  for (const username of users) {
    await home(browser, username, DESKTOP, `screenshot-home-${username}.png`);
    await home(browser, username, PHONE, `screenshot-home-${username}-phone.png`);
  }
  // Tall enough for the whole list beside the menu (a full-page shot would end the menu at 768 px).
  await home(browser, "xxt-admin", { width: 1366, height: 1024 }, "screenshot-townships.png", "/county/townships");
});
