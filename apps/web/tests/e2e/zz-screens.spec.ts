import { test } from "@playwright/test";
import { signIn, waitForHydration } from "./support";

test("screens", async ({ browser }) => {
  test.setTimeout(240_000);
  for (const [label, viewport] of [
    ["desktop", { width: 1366, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, "xxt-admin");
    for (const path of ["/county/station-reviews"]) {
      await page.goto(path);
      await waitForHydration(page);
      await page.screenshot({ path: `/tmp/screens/${label}-${path.split("?")[0]!.replaceAll("/", "_")}.png`, fullPage: true });
    }
    const review = page.getByRole("main").getByRole("table").getByRole("link").first();
    if (await review.count()) {
      await review.click();
      await page.getByTestId("review-station").first().waitFor();
      await waitForHydration(page);
      await page.screenshot({ path: `/tmp/screens/${label}-review.png`, fullPage: true });
    }
    await context.close();
  }
});
