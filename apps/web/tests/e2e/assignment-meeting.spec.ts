import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { choose, chooseOption, signIn, waitForHydration } from "./support";

/**
 * 交办会: the office holds the meeting of a session, filters its suggestions, proposes 主办 and
 * 协办 for many at once (and takes last session's unit for a similar title in one click),
 * assigns them all in one action, and prints a unit's 交办单; on a phone as on a desk.
 */

const SHOTS = "test-results/e2e/assignment-meeting";

/** A deputy the demo directory has once (the import finds deputies by name). */
async function aDeputyName(page: Page): Promise<string> {
  const response = await page.request.get("/county/deputy-options?q=");
  const deputies = (await response.json()) as { name: string }[];
  const counts = new Map<string, number>();
  for (const d of deputies) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return [...counts].find(([, n]) => n === 1)![0];
}

/** A new session (its page's address), its suggestions imported from a real .xlsx. */
async function sessionWith(page: Page, meeting: string, titles: [string, string][], deputy: string) {
  await page.goto("/county/sessions");
  await waitForHydration(page);
  await page.getByRole("button", { name: "新建会议" }).click();
  const dialog = page.getByRole("dialog", { name: "新建会议" });
  await dialog.getByLabel("届次").fill("19");
  await dialog.getByLabel("会次").fill(meeting);
  await dialog.getByLabel("开幕日期").fill(`20${27 + Number(meeting)}-01-10`);
  await dialog.getByLabel("闭幕日期").fill(`20${27 + Number(meeting)}-01-13`);
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(page).toHaveURL(/\/county\/sessions\/[0-9a-f-]{36}$/);
  const sessionUrl = new URL(page.url()).pathname;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("代表建议目录");
  sheet.addRow(["建议编号", "建议标题", "建议内容", "类别", "领衔代表"]);
  for (const [i, [title, category]] of titles.entries()) {
    sheet.addRow([String(i + 1).padStart(3, "0"), title, `${title}，请有关部门研究解决`, category, deputy]);
  }
  await page.goto(`${sessionUrl}/import`);
  await waitForHydration(page);
  await page.locator('input[type="file"][name="file"]').setInputFiles({
    name: "代表建议目录.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole("button", { name: "检查表格" }).click();
  await page.getByRole("button", { name: `确认导入 ${titles.length} 件` }).click();
  await expect(page.getByText(`已导入 ${titles.length} 件建议`)).toBeVisible();
  return sessionUrl;
}

/** 召开交办会 from the session's page; answers the meeting page's address. */
async function holdMeeting(page: Page, sessionUrl: string, attendees: string) {
  await page.goto(sessionUrl);
  await waitForHydration(page);
  await page.getByRole("button", { name: "召开交办会" }).click();
  const dialog = page.getByRole("dialog", { name: "召开交办会" });
  await dialog.getByLabel("召开日期").fill("2029-02-20");
  await dialog.getByLabel("参会人员").fill(attendees);
  await dialog.getByRole("button", { name: "召开交办会" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  return new URL(page.url()).pathname;
}

/** The propose dialog: 主办 and, optionally, 协办 units, saved. */
async function propose(page: Page, lead: string, co: string[] = []) {
  const dialog = page.getByRole("dialog", { name: /拟定承办单位$/ });
  await expect(dialog).toBeVisible();
  await choose(page, "主办单位", lead);
  for (const unit of co) {
    await chooseOption(page, dialog.getByRole("combobox", { name: "协办单位" }), unit);
  }
  // Closes the co-units' dropdown (without one open, Escape would close the dialog).
  if (co.length > 0) await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toHaveCount(0);
}

test("at the 交办会 staff propose units for many suggestions, assign them in one action and print a unit's 交办单", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  const deputy = await aDeputyName(page);

  // Last session: its road suggestion was assigned to 区住建局 at its own meeting.
  const lastSession = await sessionWith(page, "1", [["关于加快农村公路提质改造的建议", "transport"]], deputy);
  await holdMeeting(page, lastSession, "");
  await page.getByTestId("row-001").getByRole("button", { name: "修改" }).click();
  await propose(page, "区住建局");
  await page.getByRole("button", { name: /^确认交办/ }).click();
  await page.getByRole("button", { name: "确认交办 1 件" }).click();
  await expect(page.getByTestId("meeting-notice")).toHaveText("已交办 1 件建议");

  // This session: 12 suggestions, 6 on transport.
  const titles = Array.from({ length: 12 }, (_, i): [string, string] =>
    i % 2 === 0
      ? [`关于改善第${i + 1}片区交通出行的建议`, "transport"]
      : [`关于第${i + 1}所学校扩建的建议`, "education"],
  );
  titles[4] = ["关于农村公路提质改造的建议", "transport"];
  const session = await sessionWith(page, "2", titles, deputy);
  const meetingUrl = await holdMeeting(page, session, "区人大常委会副主任\n区政府办公室");
  await expect(page.getByRole("heading", { name: "第十九届人民代表大会第二次会议建议交办会" })).toBeVisible();
  await expect(page.getByText("区政府办公室")).toBeVisible();
  const rows = page.getByTestId("working-list").locator("tbody tr");
  await expect(rows).toHaveCount(12);

  // The similar title shows last session's unit; one click takes it.
  const similar = page.getByTestId("row-005");
  await expect(similar.getByTestId("hint")).toHaveText("往年类似建议由 区住建局 办理");
  await expect(page.getByTestId("row-002").getByTestId("hint")).toHaveCount(0);
  await similar.getByRole("button", { name: "采用" }).click();
  await expect(similar.getByTestId("proposal")).toHaveText("区住建局");

  // Filter by category and text, select all shown, propose 主办 + 协办 for them at once.
  await choose(page, "类别", "交通出行");
  await expect(rows).toHaveCount(6);
  await page.getByRole("button", { name: "全选筛选结果" }).click();
  await expect(page.getByTestId("selected")).toHaveText("已选 6 件");
  await page.getByRole("button", { name: "拟定承办单位" }).click();
  await propose(page, "区住建局", ["区民政局"]);
  await expect(page.getByTestId("meeting-notice")).toHaveText("已为 6 件建议拟定承办单位");
  await expect(rows.first().getByTestId("proposal")).toHaveText("区住建局协办单位：区民政局");

  // The rest: those without a proposal yet; then one changed by itself.
  await page.goto(`${meetingUrl}?unproposed=1`);
  await waitForHydration(page);
  await expect(rows).toHaveCount(6);
  await page.getByRole("checkbox", { name: "全选筛选结果" }).check();
  await page.getByRole("button", { name: "拟定承办单位" }).click();
  await propose(page, "区教育局", ["区人社局", "区卫健局"]);
  await expect(page.getByText("没有符合条件的待交办建议")).toBeVisible();
  await page.goto(`${meetingUrl}?q=${encodeURIComponent("第12所")}`);
  await waitForHydration(page);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("button", { name: "修改" }).click();
  await propose(page, "区卫健局");
  // It kept its co-units but the new lead (a lead is never its own co-unit).
  await expect(rows.first().getByTestId("proposal")).toHaveText("区卫健局协办单位：区人社局");
  await page.screenshot({ path: `${SHOTS}/meeting-desktop.png`, fullPage: true });

  // One action: all 12 assigned; the list empties and the units' sheets are listed.
  await page.goto(meetingUrl);
  await waitForHydration(page);
  await page.getByRole("button", { name: "确认交办（12）" }).click();
  await page.getByRole("button", { name: "确认交办 12 件" }).click();
  await expect(page.getByTestId("meeting-notice")).toHaveText("已交办 12 件建议");
  await expect(page.getByText("没有待交办的建议。")).toBeVisible();
  const units = page.getByTestId("meeting-units").locator("tbody tr");
  await expect(units).toHaveText([
    /区教育局\s*5\s*0/,
    /区民政局\s*0\s*6/,
    /区人社局\s*0\s*6/,
    /区卫健局\s*1\s*5/,
    /区住建局\s*6\s*0/,
  ]);
  await page.screenshot({ path: `${SHOTS}/meeting-assigned-desktop.png`, fullPage: true });

  // The session page lists the meeting with its count; each suggestion is now at 签收.
  await page.goto(session);
  await expect(page.getByTestId("meetings")).toContainText("已交办 12 件");
  await expect(page.getByTestId("suggestions").locator("tbody tr").first()).toContainText("签收");

  // 区住建局's 交办单: its six as 主办, none as 协办, and the signature lines.
  await page.goto(meetingUrl);
  await units.filter({ hasText: "区住建局" }).getByRole("link", { name: "交办单" }).click();
  await expect(page.getByTestId("unit-sheet")).toBeVisible();
  await expect(page.getByText("西乡塘区人大常委会")).toBeVisible();
  await expect(page.getByTestId("sheet-unit")).toHaveText("区住建局");
  await expect(page).toHaveTitle(/：区住建局 · /);
  await expect(page.getByTestId("sheet-lead").locator("tbody tr")).toHaveCount(6);
  await expect(page.getByTestId("sheet-lead").locator("tbody tr").first()).toContainText("001");
  await expect(page.getByTestId("sheet-co")).toContainText("无");
  await expect(page.getByText("签收人：")).toBeVisible();
  // The app's navigation is not on the sheet.
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/sheet-desktop.png`, fullPage: true });
  const sheetUrl = new URL(page.url()).pathname;

  // On a phone: the meeting page and the sheet fit the screen's width.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  await signIn(mobile, "xxt-admin");
  for (const [url, name] of [
    [meetingUrl, "meeting"],
    [sheetUrl, "sheet"],
  ] as const) {
    await mobile.goto(url);
    await waitForHydration(mobile);
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  }
  await phone.close();
});
