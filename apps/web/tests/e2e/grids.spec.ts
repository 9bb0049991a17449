import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

test("a township operator adds a community, a grid in it and its deputies; other townships stay out of reach", async ({
  page,
}) => {
  await signIn(page, "xxt-jinling");
  await openMenuEntry(page, "乡镇街道");
  await page.getByRole("link", { name: "金陵镇" }).click();
  // The real villages of 金陵镇 came with onboarding.
  await expect(page.getByTestId("communities")).toContainText("金陵村");
  await expect(page.getByTestId("communities")).toContainText("450107100201");

  await page.getByRole("button", { name: "新增村（社区）" }).click();
  await page.getByRole("dialog").getByLabel("名称").fill("金陵村");
  await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("dialog").getByText("本乡镇已有同名的村（社区）")).toBeVisible();
  await page.getByRole("dialog").getByLabel("名称").fill("金陵新城社区");
  await page.getByRole("dialog").getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("community-金陵新城社区")).toContainText("手工添加");

  await openMenuEntry(page, "网格");
  await page.getByRole("button", { name: "新建网格" }).click();
  const newGrid = page.getByRole("dialog");
  await newGrid.getByRole("combobox", { name: "所属村（社区）" }).fill("金陵新城");
  await page.getByRole("option", { name: "金陵新城社区", exact: true }).click();
  await newGrid.getByLabel("网格名称").fill("新城一网格");
  await newGrid.getByRole("button", { name: "创建" }).click();
  const grid = page.getByTestId("grid-新城一网格");
  await expect(grid).toContainText("尚未分配代表");

  await grid.getByRole("button", { name: "管理" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "网格代表" }).fill("韦建国");
  await page
    .getByRole("option", { name: /^韦建国（/ })
    .first()
    .click();
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "保存网格代表" }).click();
  await expect(page.getByTestId("grid-新城一网格")).toContainText("韦建国");

  // Only 金陵镇's grids are listed, and the picker offers only its deputies.
  await expect(page.getByTestId("grids")).not.toContainText("衡阳街道");
  const options = await page.request.get("/county/deputy-options?q=");
  expect(options.status()).toBe(200);
  const names = (await options.json()) as { townshipName: string }[];
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((d) => d.townshipName === "金陵镇")).toBe(true);

  // Another township's page, and adding a community to it, are 404s.
  await page.goto("/county/townships");
  const ownUrl = new URL(page.url()).origin;
  const admin = await page.context().browser()!.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "xxt-admin");
  await adminPage.goto("/county/townships?q=双定");
  const shuangding = await adminPage
    .getByTestId("townships")
    .getByRole("link", { name: "双定镇" })
    .getAttribute("href");
  await admin.close();
  expect((await page.request.get(shuangding!)).status()).toBe(404);
  const refused = await page.request.post(shuangding!, {
    headers: { origin: ownUrl },
    form: { intent: "add", name: "越权村" },
  });
  expect(refused.status()).toBe(404);
});
