import fs from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { fillLedgerEntry } from "./ledger-support";
import { pdfText } from "./pdf-support";
import { choose, signIn, waitForHydration } from "./support";

/** The figures of a 履职档案 page, by their label. */
async function recordFigures(page: Page) {
  const cards = page.getByTestId("deputy-record").locator("[data-record]");
  await expect(cards.first()).toBeVisible();
  const pairs = await cards.evaluateAll((els) =>
    els.map((el) => [
      el.querySelector("p")?.textContent ?? "",
      Number(el.querySelector("[data-testid=record-value]")?.textContent?.replace(/,/g, "")),
    ]),
  );
  return Object.fromEntries(pairs) as Record<string, number>;
}

async function signedIn(browser: Browser, username: string, phone = false) {
  const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true } : {});
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test("a deputy's 履职档案: their own on a phone, grown by a ledger entry; the county's table sorted and exported; the 履职报告 printed", async ({
  browser,
}) => {
  // The deputy opens their own record from their desk, on a phone.
  const deputy = await signedIn(browser, "xxt-deputy", true);
  await deputy.goto("/desk");
  await waitForHydration(deputy);
  await deputy.getByRole("link", { name: "我的履职档案" }).click();
  await expect(deputy).toHaveURL(/\/county\/deputies\/[^/]+\/record$/);
  const recordUrl = new URL(deputy.url()).pathname;
  await expect(deputy.getByRole("heading", { name: "我的履职档案" })).toBeVisible();
  const before = await recordFigures(deputy);
  expect(Object.keys(before)).toHaveLength(15);
  expect(await deputy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await deputy.screenshot({ path: test.info().outputPath("deputy-record-phone.png"), fullPage: true });

  // The county admin records a reception day he attended, with 7 people received.
  const admin = await signedIn(browser, "xxt-admin");
  await admin.goto(recordUrl.replace(/\/record$/, ""));
  const name = (await admin.getByRole("heading", { level: 1 }).textContent())!.trim();
  await admin.goto("/county/ledger/new");
  await choose(admin, "站点", "金陵镇人大代表联络站");
  await admin.getByRole("combobox", { name: "参加代表" }).fill(name);
  await admin
    .getByRole("option", { name: new RegExp(`^${name}（.*金陵镇）`) })
    .first()
    .click();
  await admin.keyboard.press("Escape");
  await fillLedgerEntry(admin, { kind: "接待日", peopleReceived: 7, summary: `履职档案测试接待日${Date.now()}` });
  await expect(admin).toHaveURL(/\/county\/ledger\/[^/]+$/);

  // His record grew by exactly that entry, and nothing else moved.
  await deputy.reload();
  const after = await recordFigures(deputy);
  expect(after).toEqual({
    ...before,
    "接待日（次）": before["接待日（次）"]! + 1,
    接待人次: before.接待人次! + 7,
  });

  // The county's table: sorted by a figure on a click, his row as his page says, exported as shown.
  await admin.goto("/county/deputy-records");
  await waitForHydration(admin);
  await admin.getByRole("button", { name: "接待日（次）" }).click();
  await expect(admin).toHaveURL(/sort=receptions/);
  // The address changes before React draws the sorted table: wait for what the sorted page says.
  await expect(admin.getByText("已按“接待日（次）”从多到少排序")).toBeVisible();
  const table = admin.getByTestId("deputy-records");
  await admin.screenshot({ path: test.info().outputPath("deputy-records.png") });
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  // A page of 50 of the county's deputies, the most receptions first.
  expect(rows).toHaveLength(50);
  await expect(admin.getByRole("button", { name: "第 2 页" })).toBeVisible();
  const receptions = rows.map((r) => Number(r[2]));
  expect(receptions).toEqual([...receptions].sort((a, b) => b - a));

  const pending = admin.waitForEvent("download");
  await admin.getByTestId("deputy-records-export").click();
  const file = await pending;
  expect(file.suggestedFilename()).toMatch(/^代表履职档案_\d{4}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await file.path())!) as never);
  const sheet: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  // The sheet holds every deputy in the page's order; his row as his own page says.
  expect(sheet[0]!.slice(3)).toEqual(Object.keys(after));
  const sheetRows = sheet.slice(1).map((r) => [r[0], r[2], ...r.slice(3)]);
  expect(sheetRows.length).toBeGreaterThan(100);
  expect(sheetRows.slice(0, 50)).toEqual(rows);
  const his = sheetRows.find((r) => r[0] === name && r[1] === "金陵镇")!;
  expect(his.slice(2).map(Number)).toEqual(Object.values(after));

  // The 履职报告 he reads at 述职: printed from Chromium, with his numbers.
  await deputy.getByRole("link", { name: "打印履职报告" }).click();
  await expect(deputy).toHaveURL(/\/report\?year=\d{4}$/);
  await expect(deputy.getByTestId("deputy-report")).toBeVisible();
  await deputy.screenshot({ path: test.info().outputPath("deputy-report-phone.png"), fullPage: true });
  await deputy.emulateMedia({ media: "print" });
  const text = await pdfText(await deputy.pdf({ format: "A4", printBackground: true }));
  expect(text).toContain(`${name}代表`);
  expect(text).toContain("年度履职报告");
  expect(text).toContain(`参加接待日${after["接待日（次）"]}次，接待群众${after.接待人次}人次`);
  expect(text).toContain(`领衔提出建议${after["领衔建议（件）"]}件`);
  await deputy.context().close();
  await admin.context().close();
});

test("a deputy cannot read another deputy's record, nor the county's table", async ({ browser }) => {
  const admin = await signedIn(browser, "xxt-admin");
  await admin.goto("/county/deputy-records");
  const other = await admin
    .getByTestId("deputy-records")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await admin.context().close();

  const deputy = await signedIn(browser, "xxt-deputy");
  await deputy.goto("/desk");
  await deputy.getByRole("link", { name: "我的履职档案" }).click();
  await expect(deputy).toHaveURL(/\/record$/);
  const own = new URL(deputy.url()).pathname;
  const someoneElse = other.find((url) => !url.startsWith(own))!;
  for (const url of [someoneElse, someoneElse.replace("/record", "/report"), "/county/deputy-records"]) {
    expect((await deputy.request.get(url)).status(), url).toBe(404);
  }
  // A year that is not one is a 400, not an error page.
  expect((await deputy.request.get(`${own}?year=二〇二七`)).status()).toBe(400);
  await deputy.context().close();
});
