import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { choose, openMenuEntry, signIn, waitForHydration } from "./support";

/**
 * A congress session's suggestions, the three ways in: the congress office imports the session's
 * list (a real .xlsx: 3 bad rows named, nothing written, then fixed and imported whole), enters
 * one by hand, and a deputy hands one in from their home on a phone. Then the session is handled:
 * a 交办会 assigns 100 of them, one is answered twice and rated, and the figures say so.
 */

// The second test handles the session the first one fills.
test.describe.configure({ mode: "serial" });

const COUNT = 120;

/** Deputies whose name the demo directory has once (the import finds deputies by name). */
async function uniqueDeputyNames(page: Page): Promise<string[]> {
  const response = await page.request.get("/county/deputy-options?q=");
  expect(response.status()).toBe(200);
  const deputies = (await response.json()) as { name: string }[];
  const counts = new Map<string, number>();
  for (const d of deputies) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n === 1).map(([name]) => name);
  expect(names.length).toBeGreaterThan(5);
  return names;
}

type Row = [number: string, title: string, content: string, category: string, lead: string, co: string];

/** The session's list as the congress office keeps it: a title row, the header, then one row per suggestion. */
async function sessionList(rows: Row[]): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("代表建议目录");
  sheet.addRow(["西乡塘区第十八届人民代表大会第一次会议代表建议目录"]);
  sheet.addRow(["建议编号", "建议标题", "建议内容", "类别", "领衔代表", "附议代表"]);
  for (const row of rows) sheet.addRow(row);
  return {
    name: "代表建议目录.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

function suggestionRows(names: string[]): Row[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const n = i + 1;
    return [
      String(n).padStart(3, "0"),
      `关于第${n}项民生事项的建议`,
      `建议有关部门研究解决第${n}项民生事项，回应群众关切`,
      n % 2 === 1 ? "农业农村" : "交通出行",
      names[n % names.length]!,
      n % 4 === 0 ? `${names[(n + 1) % names.length]}、${names[(n + 2) % names.length]}` : "",
    ];
  });
}

test("the office imports a session's 120 suggestions, enters one, a deputy hands one in by phone", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  const names = await uniqueDeputyNames(page);

  // A new session, named from its 届次 and 会次.
  await openMenuEntry(page, "人代会与建议");
  await expect(page.getByRole("heading", { name: "人代会与代表建议" })).toBeVisible();
  await page.getByRole("button", { name: "新建会议" }).click();
  const dialog = page.getByRole("dialog", { name: "新建会议" });
  await dialog.getByLabel("届次").fill("18");
  await dialog.getByLabel("会次").fill("1");
  await dialog.getByLabel("开幕日期").fill("2027-01-10");
  await dialog.getByLabel("闭幕日期").fill("2027-01-13");
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "第十八届人民代表大会第一次会议" })).toBeVisible();
  await expect(page).toHaveURL(/\/county\/sessions\/[0-9a-f-]{36}$/);
  const sessionUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("suggestion-total")).toHaveText("共 0 件");

  // The list with three bad rows: each named by its row, and nothing imported.
  const good = suggestionRows(names);
  const bad = good.map((row) => [...row] as Row);
  bad[16]![4] = "查无此人"; // sheet row 19
  bad[57]![4] = ""; // sheet row 60
  bad[98]![0] = "098"; // sheet row 101, the number of row 100
  await page.getByRole("link", { name: "导入建议" }).click();
  await expect(page.getByRole("heading", { name: "导入代表建议" })).toBeVisible();
  await waitForHydration(page);
  await page.locator('input[type="file"][name="file"]').setInputFiles(await sessionList(bad));
  await page.getByRole("button", { name: "检查表格" }).click();
  await expect(page.getByText(`发现 3 处错误（共 ${COUNT} 行），未导入任何建议`)).toBeVisible();
  const errors = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errors).toHaveText([
    "第 19 行领衔代表代表名册中没有“查无此人”",
    "第 60 行领衔代表缺少领衔代表",
    "第 101 行建议编号编号 098 在表格中重复",
  ]);
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  await page.goto(sessionUrl);
  await expect(page.getByTestId("suggestion-total")).toHaveText("共 0 件");

  // Fixed: checked, then imported whole.
  await page.goto(`${sessionUrl}/import`);
  await waitForHydration(page);
  await page.locator('input[type="file"][name="file"]').setInputFiles(await sessionList(good));
  await page.getByRole("button", { name: "检查表格" }).click();
  await expect(page.getByText(`共 ${COUNT} 件建议，检查无误`)).toBeVisible();
  await page.getByRole("button", { name: `确认导入 ${COUNT} 件` }).click();
  await expect(page.getByText(`已导入 ${COUNT} 件建议`)).toBeVisible();

  // One entered by hand: its number is the next one.
  await page.getByRole("link", { name: "第十八届人民代表大会第一次会议", exact: true }).click();
  await expect(page.getByTestId("suggestion-total")).toHaveText(`共 ${COUNT} 件`);
  await waitForHydration(page);
  await page.getByRole("button", { name: "逐条录入" }).click();
  const enter = page.getByRole("dialog", { name: "逐条录入" });
  await enter.getByLabel("建议标题").fill("关于加强学校周边交通安全管理的建议");
  await enter.getByLabel("建议内容").fill("建议在学校门口增设减速带和信号灯，上下学时段安排警力疏导");
  // Without its 领衔代表 it is refused, the field named.
  await enter.getByRole("button", { name: "保存" }).click();
  await expect(enter.getByText("请选择领衔代表")).toBeVisible();
  await enter.getByRole("combobox", { name: "领衔代表" }).fill(names[0]!);
  await page
    .getByRole("option", { name: new RegExp(`^${names[0]}（`) })
    .first()
    .click();
  await page.keyboard.press("Escape");
  await enter.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText(`已录入 ${COUNT + 1} 号建议`)).toBeVisible();
  await expect(page.getByTestId("suggestion-total")).toHaveText(`共 ${COUNT + 1} 件`);

  // The deputy, on a phone, hands in their own from their home.
  const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const deputy = await phone.newPage();
  await signIn(deputy, "xxt-deputy");
  await deputy.goto("/desk");
  await deputy.getByRole("link", { name: "提交代表建议" }).click();
  await expect(deputy.getByRole("heading", { name: "我的代表建议" })).toBeVisible();
  await waitForHydration(deputy);
  // The newest session is offered first; other specs may have made later ones (a 交办会's).
  await choose(deputy, "会议", "第十八届人民代表大会第一次会议");
  await expect(deputy.getByRole("combobox", { name: "会议" })).toHaveValue("第十八届人民代表大会第一次会议");
  await deputy.getByLabel("建议标题").fill("关于增设村级卫生室的建议");
  await deputy.getByLabel("建议内容").fill("建议为偏远村屯增设卫生室，配备乡村医生");
  await deputy.getByRole("button", { name: "提交建议" }).click();
  await expect(deputy.getByTestId("suggestion-submitted")).toHaveText(`已提交，建议编号 ${COUNT + 2}`);
  await expect(deputy.getByTestId("my-suggestions")).toContainText("关于增设村级卫生室的建议");
  // The page fits the phone: nothing wider than the screen.
  expect(await deputy.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.close();

  // The session lists all 122, each with its 领衔代表 and step in words; a category filters them.
  await page.goto(sessionUrl);
  await expect(page.getByTestId("suggestion-total")).toHaveText(`共 ${COUNT + 2} 件`);
  const rows = page.getByTestId("suggestions").locator("tbody tr");
  await expect(rows).toHaveCount(COUNT + 2);
  await expect(rows.first()).toContainText("001");
  await expect(rows.first()).toContainText(names[1]!);
  await expect(rows.first()).toContainText("交办");
  await expect(rows.last()).toContainText("122");
  await expect(rows.last()).toContainText("韦建国");
  await page.goto(`${sessionUrl}?category=agriculture`);
  await expect(page.getByTestId("suggestion-total")).toHaveText(`共 ${COUNT / 2} 件`);
  await expect(rows).toHaveCount(COUNT / 2);
  await expect(rows.first()).toContainText("农业农村");
});

/** Eight of the county's units; 区住建局 (the demo responder's) gets 122, the deputy's own. */
const UNITS = ["区交通运输局", "区城管局", "区教育局", "区住建局", "区卫健局", "区民政局", "区人社局", "区农业农村局"];

test("at the 交办会 100 suggestions go to 8 units in one action; one is met on, answered B, rated 不满意 on a phone, answered again and rated 满意; the session's figures count exactly that", async ({
  page,
  browser,
}) => {
  // A hundred suggestions through the 交办会 and one handled to the end: minutes on a busy machine.
  test.setTimeout(360_000);
  await signIn(page, "xxt-admin");
  await page.goto("/county/sessions");
  await page.getByRole("link", { name: "第十八届人民代表大会第一次会议" }).click();
  await expect(page).toHaveURL(/\/county\/sessions\/[0-9a-f-]{36}$/);
  const sessionUrl = new URL(page.url()).pathname;
  const caseUrl = await page
    .getByTestId("suggestions")
    .locator("tbody tr")
    .filter({ hasText: "关于增设村级卫生室的建议" })
    .getByRole("link")
    .first()
    .getAttribute("href");

  // The 交办会: numbers 023–122 proposed to eight units, then all assigned in one action.
  await waitForHydration(page);
  await page.getByRole("button", { name: "召开交办会" }).click();
  const hold = page.getByRole("dialog", { name: "召开交办会" });
  await hold.getByLabel("召开日期").fill("2027-02-20");
  await hold.getByLabel("参会人员").fill("区人大常委会副主任\n区政府办公室");
  await hold.getByRole("button", { name: "召开交办会" }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  await expect(page.getByTestId("working-list").locator("tbody tr")).toHaveCount(COUNT + 2);
  for (const [index, unit] of UNITS.entries()) {
    const numbers = Array.from({ length: 100 }, (_, i) => i + 23).filter((n) => (n - 23) % UNITS.length === index);
    for (const n of numbers) {
      await page
        .getByTestId(`row-${String(n).padStart(3, "0")}`)
        .getByRole("checkbox")
        .check();
    }
    await expect(page.getByTestId("selected")).toHaveText(`已选 ${numbers.length} 件`);
    await page.getByRole("button", { name: "拟定承办单位" }).click();
    const dialog = page.getByRole("dialog", { name: /拟定承办单位$/ });
    await choose(page, "主办单位", unit);
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("meeting-notice")).toHaveText(`已为 ${numbers.length} 件建议拟定承办单位`);
  }
  await page.getByRole("button", { name: "确认交办（100）" }).click();
  await page.getByRole("button", { name: "确认交办 100 件" }).click();
  await expect(page.getByTestId("meeting-notice")).toHaveText("已交办 100 件建议");
  await expect(page.getByTestId("meeting-units").locator("tbody tr")).toHaveCount(8);

  // 区住建局 signs for the deputy's suggestion, meets the deputy, answers with class B.
  const unit = await browser.newPage();
  await signIn(unit, "xxt-responder");
  await unit.goto(caseUrl!);
  await waitForHydration(unit);
  await unit.getByRole("button", { name: "签收", exact: true }).click();
  await unit.getByRole("dialog").getByRole("button", { name: "签收" }).click();
  await expect(unit.getByTestId("case-state")).toHaveText("办理");
  await unit.getByRole("button", { name: "记录面商", exact: true }).click();
  const consult = unit.getByRole("dialog");
  await consult.getByLabel("面商日期").fill("2027-03-02");
  await choose(unit, "面商方式", "电话");
  await consult.getByLabel("面商情况").fill("电话联系韦建国代表，介绍卫生室选址方案");
  await consult.getByRole("button", { name: "记录面商" }).click();
  await expect(unit.getByText("电话联系韦建国代表，介绍卫生室选址方案")).toBeVisible();
  const answerB = async (text: string) => {
    await waitForHydration(unit);
    await unit.getByRole("button", { name: "答复代表", exact: true }).click();
    const answer = unit.getByRole("dialog");
    await answer.getByLabel("答复内容").fill(text);
    await choose(unit, "答复分类", "B类：正在解决或列入计划解决");
    await answer.getByRole("button", { name: "答复代表" }).click();
    await expect(unit.getByTestId("case-state")).toHaveText("代表测评");
  };
  await answerB("已列入明年卫生健康项目计划");

  // The 领衔代表, on a phone: 不满意, then 满意 with the second answer.
  const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const deputy = await phone.newPage();
  await signIn(deputy, "xxt-deputy");
  const rate = async (satisfaction: string, reason?: string) => {
    await deputy.goto("/desk/suggestions");
    await deputy.getByTestId("my-suggestions").getByRole("link", { name: "关于增设村级卫生室的建议" }).click();
    await waitForHydration(deputy);
    await deputy.getByRole("button", { name: "测评", exact: true }).click();
    await choose(deputy, "满意度", satisfaction);
    if (reason) await deputy.getByRole("dialog").getByLabel("不满意的理由").fill(reason);
    await deputy.getByRole("dialog").getByRole("button", { name: "测评" }).click();
  };
  await rate("不满意", "选址离村民太远");
  await expect(deputy.getByTestId("case-state")).toHaveText("重新办理");
  await unit.reload();
  await answerB("已调整选址到村委会旁，明年一季度开工");
  await rate("满意");
  await expect(deputy.getByTestId("case-state")).toHaveText("办结");
  // Pages left open keep drawing (and polling) for the rest of the run.
  await phone.close();
  await unit.context().close();

  // The session's figures: exactly what was done.
  await page.goto(sessionUrl);
  await expect(page.getByTestId("figure-suggestions")).toHaveText(String(COUNT + 2));
  await expect(page.getByTestId("figure-assigned")).toHaveText("100");
  await expect(page.getByTestId("figure-answered")).toHaveText("1");
  await expect(page.getByTestId("figure-on-time-rate")).toHaveText("100 %");
  await expect(page.getByTestId("figure-consulted-rate")).toHaveText("100 %");
  await expect(page.getByTestId("figure-satisfaction-rate")).toHaveText("100 %");
  await expect(page.getByTestId("figure-classes")).toHaveText("0 / 1 / 0");
  await expect(page.getByTestId("unit-league").locator("tbody tr")).toHaveCount(8);
});
