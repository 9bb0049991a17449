import { expect, test } from "@playwright/test";
import { choose, chooseOption, openMenuEntry, pick, signIn, waitForHydration } from "./support";

test("an operator makes a province's set from the default, is told what stops it publishing, publishes it and onboards a county with it", async ({
  page,
}) => {
  await signIn(page, "operator");
  await openMenuEntry(page, "模板库");
  await expect(page.getByRole("heading", { name: "模板库" })).toBeVisible();
  const defaultRow = page.getByRole("row").filter({ hasText: "通用模板" });
  await expect(defaultRow).toContainText("第 1 版");
  await expect(defaultRow).toContainText("已发布");
  await page.screenshot({ path: "test-results/screens/template-library-desktop.png", fullPage: true });

  // A new set starts as a copy of the default's newest version.
  await page.getByLabel("模板集名称").fill("江西五有标准");
  await page.getByLabel("说明").fill("江西省代表联络站“五有”建设标准");
  await page.getByRole("button", { name: "新建模板集" }).click();
  await expect(page.getByRole("heading", { name: "江西五有标准" })).toBeVisible();
  await expect(page.getByText("有未发布的修改").first()).toBeVisible();
  await expect(page.getByText("创业带富岗")).toBeVisible();

  // Its own post catalog: the first post renamed, one added.
  await waitForHydration(page);
  await page.getByRole("button", { name: "修改履职岗位" }).click();
  await page.getByLabel("岗位名称").first().fill("政策宣讲岗");
  await page.getByRole("button", { name: "添加岗位" }).click();
  await page.getByLabel("岗位名称").last().fill("乡村振兴岗");
  await page.getByLabel("乡村振兴岗 · 岗位职责").fill("助力乡村振兴");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toHaveText("草稿已保存");
  await expect(page.getByRole("cell", { name: "乡村振兴岗" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "创业带富岗" })).toHaveCount(0);

  // Only the 五有 standard: the station types still name 十有, so publishing is refused with each named.
  await page.getByRole("button", { name: "修改建设标准" }).click();
  await page.getByRole("button", { name: "删除此标准 十有" }).click();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText(/^十有：/)).toHaveCount(0);
  await expect(page.getByText(/^五有：/)).toBeVisible();
  await page.getByRole("button", { name: "发布新版本" }).click();
  const problems = page.getByTestId("publish-problems");
  await expect(problems).toContainText("站点类型第 1 项：站点类型引用的建设标准不在本模板集中");
  await expect(problems).toContainText("站点类型第 6 项");
  await expect(page.getByText("尚未发布")).toBeVisible();

  // Every station type on 五有, then it publishes as version 1.
  await page.getByRole("button", { name: "修改站点类型" }).click();
  for (const type of [
    "人大代表联络站",
    "人大代表之家",
    "全过程人民民主基层实践基地",
    "基层立法联系点",
    "行业（专业）代表联络站",
    "民生议事亭",
  ]) {
    await chooseOption(page, page.getByRole("combobox", { name: `${type} · 站点类型的建设标准` }), "五有");
  }
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("cell", { name: "五有", exact: true })).toHaveCount(6);
  await page.getByLabel("本版说明").fill("江西五有标准首版");
  await page.getByRole("button", { name: "发布新版本" }).click();
  await expect(page.getByRole("status")).toHaveText("已发布第 1 版");
  await expect(page.getByRole("cell", { name: "江西五有标准首版" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/template-set-desktop.png", fullPage: true });

  // A county onboarded with it; the library counts it.
  await openMenuEntry(page, "开通区县");
  await pick(page, "省份", "江西省");
  await pick(page, "地级市", "南昌市");
  await pick(page, "区县", "东湖区");
  await choose(page, "模板集", "江西五有标准 · 第 1 版");
  await page.getByLabel("首位管理员用户名").fill("dh-admin");
  await page.getByLabel("管理员姓名").fill("东湖区人大常委会办公室");
  await page.getByRole("button", { name: "开通区县" }).click();
  await expect(page.getByTestId("invitation-url")).toBeVisible();
  await openMenuEntry(page, "模板库");
  await expect(page.getByRole("row").filter({ hasText: "江西五有标准" })).toContainText("1 个区县");
});
