import { expect, test } from "@playwright/test";
import { choose, openMenuEntry, signIn, signOut } from "./support";

/** A 1×1 PNG: a real image for the upload checks. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test("the county admin keeps its standards, a new station type's public form and the duty post catalog", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");

  await openMenuEntry(page, "站点标准");
  await page.getByRole("button", { name: "新建标准" }).click();
  await page.getByLabel("名称").fill("七有");
  await page.getByLabel("标准条目").fill("有场所\n有牌子\n有制度\n有活动\n有台账\n有经费\n有档案");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("standard-七有")).toContainText("有牌子");

  await openMenuEntry(page, "站点类型");
  await page.getByRole("button", { name: "新建站点类型" }).click();
  await page.getByLabel("名称").fill("侨务代表联络站");
  await choose(page, "站点标准", "七有");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "侨务代表联络站" })).toBeVisible();

  // A choice field on the public form shows in the phone preview as it is typed.
  const intake = page.getByTestId("intake-fields");
  await intake.getByRole("button", { name: "添加字段" }).click();
  const category = intake.getByTestId(/^field-/).last();
  await category.getByLabel("字段名称").fill("诉求类别");
  await category.getByRole("combobox", { name: "字段类型" }).click();
  await page.getByRole("option", { name: "单选" }).click();
  await category.getByLabel("选项").fill("就业\n教育\n侨务");
  // The preview is the public form itself (its category and opinion first), on a 375 px phone.
  const preview = page.getByTestId("intake-preview");
  await expect(preview.getByRole("combobox", { name: "诉求类别" })).toBeVisible();
  await expect(preview.getByRole("combobox", { name: "问题类别" })).toBeVisible();
  await expect(preview.getByRole("button", { name: "提交意见" })).toBeDisabled();
  // Keys are generated and hidden: 字段标识 shows only under 高级.
  await expect(category.getByRole("textbox", { name: "字段标识" })).toBeHidden();

  // A field whose key another field has is refused where it is, and nothing is saved.
  await intake.getByRole("button", { name: "添加字段" }).click();
  const twin = intake.getByTestId(/^field-/).last();
  await twin.getByLabel("字段名称").fill("地点");
  await intake.getByRole("switch", { name: "高级" }).check();
  const categoryKey = intake.getByTestId("field-1").getByRole("textbox", { name: "字段标识" });
  await expect(categoryKey).toHaveValue("field2"); // generated: 涉及地点 (location) is field 1
  await twin.getByRole("textbox", { name: "字段标识" }).fill("location"); // 涉及地点's
  await intake.getByRole("button", { name: "保存表单" }).click();
  await expect(twin).toContainText("字段标识重复");
  await page.reload();
  await expect(intake.getByTestId(/^field-/)).toHaveCount(1);

  await intake.getByRole("button", { name: "添加字段" }).click();
  const again = intake.getByTestId(/^field-/).last();
  await again.getByLabel("字段名称").fill("诉求类别");
  await again.getByRole("combobox", { name: "字段类型" }).click();
  await page.getByRole("option", { name: "单选" }).click();
  await again.getByLabel("选项").fill("就业\n教育\n侨务");
  await intake.getByRole("button", { name: "保存表单" }).click();
  await expect(intake.getByRole("status")).toHaveText("已保存");
  await page.reload();
  await expect(intake.getByTestId(/^field-/)).toHaveCount(2);

  await openMenuEntry(page, "岗位目录");
  await page.getByRole("button", { name: "新增岗位" }).click();
  await page.getByLabel("名称").fill("侨务服务岗");
  await page.getByLabel("岗位职责").fill("联系归侨侨眷，反映涉侨诉求");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("duty-posts")).toContainText("联系归侨侨眷");
  await page.getByRole("button", { name: "上移 侨务服务岗" }).click();
  const rows = page.getByTestId("duty-posts").locator("tbody tr");
  await expect(rows.last()).toContainText("康乐生活岗");
  await expect(rows.nth(-2)).toContainText("侨务服务岗");
});

test("a township operator keeps its station: map point, posts offered, evidence photos; bad photos are refused", async ({
  page,
}) => {
  await signIn(page, "xxt-jinling");
  await openMenuEntry(page, "站点");
  await page.getByRole("link", { name: "金陵镇人大代表联络站" }).click();
  await expect(page.getByRole("heading", { name: "金陵镇人大代表联络站" })).toBeVisible();
  const stationUrl = new URL(page.url()).pathname;
  // The page learns the deputy picker's route with its first load (discovery is lazy, but the
  // signed-in layout names the routes its fetchers load), so the picker's fetcher, revalidated
  // after a save, can never fall to the "*" catch-all (remix-run/react-router#15326).
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.keys((window as unknown as { __reactRouterManifest: { routes: object } }).__reactRouterManifest.routes),
      ),
    )
    .toContain("routes/county/deputy-options");

  await page.getByRole("link", { name: "编辑" }).click();
  await page.getByLabel("纬度").fill("22.9012");
  await page.getByLabel("经度").fill("");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("经纬度须同时填写")).toBeVisible();
  await page.getByLabel("经度").fill("108.1234");
  await page.getByLabel("主题特色").fill("民族团结");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`${stationUrl}$`));
  await expect(page.getByRole("link", { name: "22.90120, 108.12340" })).toBeVisible();
  await expect(page.getByText("主题特色：民族团结")).toBeVisible();

  // Withdraw a vacant post.
  await expect(page.getByTestId("post-环卫服务岗")).toBeVisible();
  await page.getByRole("button", { name: "设置岗位" }).click();
  await page.getByRole("checkbox", { name: "环卫服务岗" }).uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("post-环卫服务岗")).toHaveCount(0);

  // Evidence for one item of the standard, with a photo.
  const item = page.getByTestId("checklist-有档案");
  await item.getByRole("button", { name: "填报" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("部分达标").click();
  await dialog.getByLabel("说明").fill("2025 年档案尚在整理");
  await dialog.locator('input[type="file"][name="photos"]').setInputFiles({
    name: "档案柜.png",
    mimeType: "image/png",
    buffer: PNG,
  });
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(item).toContainText("部分达标");
  await expect(item).toContainText("2025 年档案尚在整理");
  const photo = await item.getByRole("img").getAttribute("src");
  const served = await page.request.get(photo!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["content-disposition"]).toBe("attachment");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");

  // A file that is not what its name says, in the form: a clear message, nothing recorded.
  await page.getByTestId("checklist-有经费").getByRole("button", { name: "填报" }).click();
  await dialog.locator('input[type="file"][name="photos"]').setInputFiles({
    name: "发票.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<script>alert(1)</script>"),
  });
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByRole("alert")).toContainText("文件内容与扩展名不符");

  // The same over HTTP: 415 for the disguised file, 413 for one over 10 MB.
  const origin = new URL(page.url()).origin;
  const post = (name: string, buffer: Buffer) =>
    page.request.post(stationUrl, {
      headers: { origin },
      multipart: { intent: "checklist", item: "有经费", met: "yes", photos: { name, mimeType: "image/jpeg", buffer } },
    });
  expect((await post("发票.jpg", Buffer.from("<script>alert(1)</script>"))).status()).toBe(415);
  expect((await post("大图.jpg", Buffer.alloc(11 * 1024 * 1024, 0xff))).status()).toBe(413);
  await page.reload();
  await expect(page.getByTestId("checklist-有经费")).not.toContainText("2025");

  // The post page tells who holds it since when, and every claim made for it.
  await page.getByTestId("station-posts").getByRole("link").first().click();
  await expect(page.getByTestId("post-holders")).toContainText("自");
  await expect(page.getByTestId("post-history")).toContainText("在岗");
});

test("a township operator cannot open, edit or record for another township's station or deputy", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/stations?q=双定镇");
  const other = await page.getByTestId("stations").getByRole("link").first().getAttribute("href");
  await page.goto("/county/deputies");
  await choose(page, "所属乡镇（街道）", "双定镇");
  await expect(page).toHaveURL(/township=/);
  const deputy = await page.getByTestId("deputies").getByRole("link").first().getAttribute("href");
  await signOut(page);

  await signIn(page, "xxt-jinling");
  for (const url of [other!, `${other}.data`, `${other}/edit`, deputy!, `${deputy}/edit`]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
  const origin = new URL(page.url()).origin;
  const refused = await page.request.post(other!, {
    headers: { origin },
    multipart: { intent: "checklist", item: "有场所", met: "no" },
  });
  expect(refused.status()).toBe(404);
});
