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

/**
 * The list's count once the page shows a filter's answer: the address changes before React
 * draws the new data, so wait for the count to move off the one before the filter.
 */
async function totalAfter(page: Page, before: number) {
  await expect(page.getByText(/^共 \d+ 条$/)).not.toHaveText(`共 ${before} 条`);
  return totalOf(page);
}

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

/** The day, kind and summary of each entry the ledger page lists. */
const ledgerRows = (page: Page) =>
  page
    .getByTestId("ledger")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = tr.querySelectorAll("td");
        return [cells[0]!.textContent, cells[1]!.textContent, cells[3]!.querySelector("a")!.textContent];
      }),
    );

test("the ledger exports what its filters show: a kind and a period chosen on the page", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/ledger");
  const all = await totalOf(page);
  await choose(page, "活动类型", "走访");
  await expect(page).toHaveURL(/kind=visit/);
  const ofKind = await totalAfter(page, all);
  expect(ofKind).toBeLessThan(all);
  // From the day of an entry halfway down the page: a period the page's own data holds.
  const days = (await ledgerRows(page)).map((row) => row[0]!);
  expect(days.length).toBeGreaterThan(2);
  const from = days[Math.floor(days.length / 2)]!;
  await page.getByLabel("开始日期").fill(from);
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  const total = await totalAfter(page, ofKind);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(ofKind);
  const shown = await ledgerRows(page);

  const { filename, rows } = await download(page, "ledger-export");
  expect(filename).toMatch(new RegExp(`^履职台账_${from}_\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  expect(rows[0]!.slice(0, 4)).toEqual(["日期", "活动类型", "乡镇（街道）", "站点"]);
  expect(rows).toHaveLength(total + 1);
  for (const row of rows.slice(1)) {
    expect(row[1]).toBe("走访");
    expect(row[0]! >= from, row[0]).toBe(true);
  }
  // The page's entries first, in its order.
  expect(rows.slice(1, 1 + shown.length).map((r) => [r[0], r[1], r[8]])).toEqual(shown);
});

test("the audit log exports what its filter shows: one kind of action chosen on the page", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/audit");
  const all = await totalOf(page);
  await choose(page, "按类型筛选", "登录与账号");
  await expect(page).toHaveURL(/action=auth\./);
  const total = await totalAfter(page, all);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(all);
  const shown = await page
    .getByTestId("audit-log")
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));

  const { filename, rows } = await download(page, "audit-export");
  expect(filename).toBe("审计日志.xlsx");
  expect(rows[0]).toEqual(["序号", "时间", "操作人", "操作", "IP 地址", "详情"]);
  expect(rows).toHaveLength(total + 1);
  // The page's entries first, in its order: number, who, what and its detail in words.
  expect(rows.slice(1, 1 + shown.length).map((r) => [r[0], r[2], r[3], r[5]])).toEqual(
    // The page says "—" where nobody was signed in (a failed sign-in); the sheet leaves it empty.
    shown.map((cells) => [cells[0], cells[2] === "—" ? "" : cells[2], cells[3], cells[5]]),
  );
  expect(rows.some((r) => r[5]?.includes("{"))).toBe(false);
});
