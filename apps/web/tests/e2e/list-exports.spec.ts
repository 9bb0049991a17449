import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { choose, signIn } from "./support";

/** The rows of the downloaded sheet, as text, header first. */
async function download(page: Page, testId: string) {
  const pending = page.waitForEvent("download");
  await page.getByTestId(testId).click();
  const file = await pending;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await file.path())!) as never);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v))));
  });
  return { filename: file.suggestedFilename(), rows };
}

const totalOf = async (page: Page) => Number((await page.getByText(/^共 \d+ 条$/).textContent())!.match(/\d+/)![0]);

test("the case list exports every page of its filtered, sorted list in Chinese", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/work?view=all");
  const all = await totalOf(page);
  expect(all).toBeGreaterThan(50); // more than the page shows
  const everything = await download(page, "cases-export");
  expect(everything.filename).toBe("案件列表.xlsx");
  expect(everything.rows).toHaveLength(all + 1);

  await choose(page, "类别", "交通出行");
  await expect(page).toHaveURL(/category=transport/);
  // Ascending first, then descending: the header toggles once the page shows the first sort.
  await page.getByTestId("sort-received").click();
  await expect(page).toHaveURL(/sort=received/);
  await expect(page.getByTestId("sort-received").locator("xpath=..")).toHaveAttribute("aria-sort", "ascending");
  await page.getByTestId("sort-received").click();
  await expect(page).toHaveURL(/sort=-received/);
  // The list itself re-sorted (the header says so once the page's data has arrived).
  await expect(page.getByTestId("sort-received").locator("xpath=..")).toHaveAttribute("aria-sort", "descending");

  const filtered = await totalOf(page);
  const { rows } = await download(page, "cases-export");
  expect(rows[0]!.slice(0, 5)).toEqual(["查询码", "标题", "类别", "来源渠道", "环节"]);
  expect(rows).toHaveLength(filtered + 1);
  // The page's cases first, in the page's order; the export goes on past its first page.
  const pageTitles = await page.getByTestId("inbox").locator("tbody tr td:nth-child(2) a").allTextContents();
  expect(pageTitles.length).toBeGreaterThan(0);
  expect(rows.slice(1, 1 + pageTitles.length).map((r) => r[1])).toEqual(pageTitles);
  // Newest first, as the page sorts it.
  const received = rows.slice(1).map((r) => r[11]!);
  expect(received).toEqual([...received].sort().reverse());
});

test("bad sort and date parameters are ignored, never a server error", async ({ page }) => {
  await signIn(page, "xxt-admin");
  const response = await page.goto("/work?view=all&sort=evil&from=2026-13-40&to=x");
  expect(response!.status()).toBe(200);
  const exported = await page.request.get("/work/export?sort=evil&from=nope");
  expect(exported.status()).toBe(200);
});
