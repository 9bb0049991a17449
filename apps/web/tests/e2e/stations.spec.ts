import { expect, test } from "@playwright/test";
import { openMenuEntry, pick, signIn } from "./support";

test("a station gets a custom field, a liaison officer, a QR poster, and a deputy holding 法律服务岗", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");

  // The admin adds a custom field to the station type.
  await openMenuEntry(page, "站点类型");
  await page.getByTestId("station-types").getByRole("link", { name: "人大代表联络站" }).click();
  const fields = page.getByTestId("custom-fields");
  await fields.getByRole("button", { name: "添加字段" }).click();
  const field = fields.getByTestId(/^field-/).last();
  await field.getByLabel("字段名称").fill("场所面积（平方米）");
  await field.getByRole("combobox", { name: "字段类型" }).click();
  await page.getByRole("option", { name: "数字" }).click();
  // No key to type: it is generated, and shows only under 高级.
  await expect(field.getByRole("textbox", { name: "字段标识" })).toBeHidden();
  // Mantine stacks the switch's input and track on one spot, so whichever is on top takes
  // the click (both toggle it); the assertion checks that it did.
  await field.getByRole("switch", { name: "必填" }).check({ force: true });
  await expect(field.getByRole("switch", { name: "必填" })).toBeChecked();
  await fields.getByRole("button", { name: "保存字段" }).click();
  await expect(fields.getByRole("status")).toHaveText("已保存");
  await page.reload();
  await expect(
    fields
      .getByTestId(/^field-/)
      .last()
      .getByLabel("字段名称"),
  ).toHaveValue("场所面积（平方米）");

  // … creates a station of that type in 金陵镇 with a liaison officer.
  await openMenuEntry(page, "站点");
  await page.getByRole("link", { name: "新建站点" }).click();
  await expect(page.getByRole("heading", { name: "新建站点" })).toBeVisible();
  await pick(page, "所属乡镇（街道）", "金陵镇");
  await page.getByLabel("站点名称").fill("金陵镇那况村代表联络站");
  await page.getByLabel("接待日安排").fill("每月15日");
  await page.getByRole("combobox", { name: "联络员" }).click();
  await page.getByRole("option", { name: /黄小梅/ }).click();
  await page.keyboard.press("Escape");
  await page.getByLabel("场所面积（平方米）").fill("120");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "金陵镇那况村代表联络站" })).toBeVisible();
  await expect(page.getByTestId("station-fields")).toContainText("场所面积（平方米）：120");

  // … downloads its QR code and poster.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 PNG" }).click();
  expect((await download).suggestedFilename()).toBe("金陵镇那况村代表联络站-二维码.png");
  const posterUrl = await page.getByRole("link", { name: "打印 A4 海报" }).getAttribute("href");
  const poster = await page.request.get(posterUrl!);
  expect(poster.status()).toBe(200);
  expect(await poster.text()).toContain("金陵镇那况村代表联络站");

  // … and stations 韦建国 there.
  await page.getByRole("combobox", { name: "代表进站" }).fill("韦建国");
  await page
    .getByRole("option", { name: /^韦建国（/ })
    .first()
    .click();
  // The picker's dropdown stays open after a pick and may cover the button: close it first.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "代表进站" }).click();
  await expect(page.getByTestId("station-deputies")).toContainText("韦建国");
  const stationUrl = new URL(page.url()).pathname;

  // The deputy claims 法律服务岗.
  const deputyContext = await browser.newContext();
  const deputy = await deputyContext.newPage();
  await signIn(deputy, "xxt-deputy");
  await deputy.goto(stationUrl);
  const law = deputy.getByTestId("post-法律服务岗");
  await law.getByRole("textbox").fill("每月接待日提供法律咨询");
  await law.getByRole("button", { name: "认领岗位" }).click();
  await expect(deputy.getByTestId("post-法律服务岗")).toContainText("待审批");
  await deputyContext.close();

  // The township approves; the station page shows the holder.
  const townshipContext = await browser.newContext();
  const township = await townshipContext.newPage();
  await signIn(township, "xxt-jinling");
  await township.goto(stationUrl);
  const decided = township.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(stationUrl));
  await township.getByTestId("post-法律服务岗").getByRole("button", { name: "批准", exact: true }).click();
  expect((await decided).status()).toBe(200);
  await expect(township.getByTestId("post-法律服务岗")).toContainText("韦建国");
  await expect(township.getByTestId("post-法律服务岗")).toContainText("每月接待日提供法律咨询");
  await townshipContext.close();

  await page.reload();
  await expect(page.getByTestId("post-法律服务岗")).toContainText("韦建国（自");
});
