import { expect, test } from "@playwright/test";
import { choose, pick, signIn } from "./support";

test("the county registers a letter (信访) on its workflow's own start form, and takes its first step", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  await page.goto("/work");
  await page.getByRole("link", { name: "登记其他事项" }).click();
  await expect(page).toHaveURL(/\/work\/start$/);
  await choose(page, "事项类型", "信访件办理");
  await pick(page, "所属乡镇（街道）", "金陵镇");

  // The start form is the workflow's: its required summary is named when left empty.
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByLabel("来信来访摘要")).toBeFocused();
  await page.getByLabel("来信来访摘要").fill("来信反映金陵镇某小区违建长期未处理");
  await page.getByLabel("信访人").fill("张某");
  await page.getByRole("button", { name: "登记", exact: true }).click();

  await expect(page).toHaveURL(/\/work\/cases\//);
  await expect(page.getByTestId("case-state")).toHaveText("登记");
  await expect(page.getByRole("heading", { name: /来信反映金陵镇某小区违建/ })).toBeVisible();
  // The county's 信访 office moves it on: 呈报批办.
  await page.getByRole("button", { name: "呈报批办", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("来信来访摘要").fill("违建问题，请批办");
  await dialog.getByRole("button", { name: "呈报批办", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("case-state")).toHaveText("批办");
});
