import { expect, type Page, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

const tab = (page: Page, name: string) => page.getByRole("tab", { name });

async function publish(page: Page, version: number) {
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText(`已发布版本 ${version}`)).toBeVisible();
}

async function registerCase(page: Page, summary: string) {
  await tab(page, "版本").click();
  await page.getByLabel("案件摘要").fill(summary);
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByTestId("recent-cases")).toContainText("版本");
}

test("running cases move to a new version from the versions panel: dry run, refusal, migration", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/workflows/new");
  await page.getByLabel("空白流程").check();
  await page.getByLabel("流程名称").fill("迁移演示流程");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByTestId("designer")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await publish(page, 1);
  await registerCase(page, "第一件");
  await registerCase(page, "第二件");
  await expect(page.getByTestId("version-1")).toContainText("在办 2");

  // Version 2 calls the first state 受理.
  await page.getByTestId("node-开始").getByText("开始").first().click();
  await tab(page, "属性").click();
  await page.getByLabel("名称（中文）").fill("受理");
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await publish(page, 2);
  await tab(page, "版本").click();

  const migration = page.getByTestId("migration");
  await expect(migration).toContainText("迁移在办案件到版本 2");
  const mapping = migration.getByRole("combobox", { name: "开始（在办 2 件）迁移到" });
  await expect(mapping).toHaveValue("受理");

  // Dry run: every case, where it is and where it goes.
  await migration.getByRole("button", { name: "试迁移" }).click();
  const preview = page.getByTestId("migration-preview");
  await expect(preview.locator("tbody tr")).toHaveCount(2);
  await expect(preview.locator("tbody tr").first()).toContainText("第一件");
  await expect(preview.locator("tbody tr").first()).toContainText("开始");
  await expect(preview.locator("tbody tr").first()).toContainText("受理");

  // Unmapped: refused, in Chinese, and the migration cannot run.
  // (Mantine's clear button is hidden from assistive technology: found by its place.)
  await migration.locator("button[aria-hidden='true']").click();
  await expect(mapping).toHaveValue("");
  await expect(migration.getByRole("button", { name: "执行迁移" })).toBeDisabled();
  await migration.getByRole("button", { name: "试迁移" }).click();
  await expect(page.getByTestId("migration-refused")).toContainText("有在办案件所处的环节没有对应的新环节");
  await expect(migration).toContainText("所选环节在在办案件中没有对应");

  // Mapped again, tried, then migrated: both cases are on version 2.
  await mapping.click();
  await page.getByRole("option", { name: "受理", exact: true }).click();
  await migration.getByRole("button", { name: "试迁移" }).click();
  await expect(preview.locator("tbody tr")).toHaveCount(2);
  await migration.getByRole("button", { name: "执行迁移" }).click();
  await expect(page.getByTestId("migration-done")).toContainText("已将 2 件在办案件迁移到版本 2");
  await expect(page.getByTestId("version-2")).toContainText("在办 2");
  await expect(page.getByTestId("version-1")).toContainText("在办 0");

  await openMenuEntry(page, "审计日志");
  await expect(page.getByTestId("audit-log")).toContainText("迁移在办案件");
});
