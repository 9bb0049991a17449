import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { childEnvironment } from "@rdlink/env/knobs";
import { pick, signIn } from "./support";

const run = promisify(execFile);

/**
 * Offboarding as the platform operator does it: the steps in their order (each refused out of
 * order, in Chinese), the whole data downloaded as one archive with its manifest, the deletion
 * scheduled and cancelled. The archive then goes through `pnpm county:import` into an empty
 * embedded deployment, as a county moving to another platform would. (The deletion itself, 30
 * days later, is the worker's: county-lifecycle.integration.test.ts.)
 */
test("an operator suspends a county, exports its whole data, schedules and cancels its deletion; the archive imports elsewhere", async ({
  page,
}) => {
  const work = await mkdtemp(path.join(os.tmpdir(), "rdlink-offboarding-"));
  try {
    await signIn(page, "operator");
    await page.goto("/platform/onboard");
    await pick(page, "省份", "广西壮族自治区");
    await pick(page, "地级市", "南宁市");
    await pick(page, "区县", "兴宁区");
    await page.getByLabel("首位管理员用户名").fill("xn-admin");
    await page.getByLabel("管理员姓名").fill("兴宁区管理员");
    await page.getByRole("button", { name: "开通区县" }).click();
    await page.getByRole("link", { name: "查看区县" }).click();
    await expect(page).toHaveURL(/\/platform\/tenants\//);
    const offboarding = page.getByTestId("tenant-offboarding");
    await expect(offboarding).toContainText("尚未导出");

    // Out of order, each step is refused with what to do first.
    await offboarding.getByRole("button", { name: "安排注销" }).click();
    await expect(page.getByText("请先暂停该区县的服务，再安排注销")).toBeVisible();
    await page.getByRole("button", { name: "暂停服务" }).click();
    await expect(page.getByTestId("tenant-status")).toHaveText("已暂停");
    await offboarding.getByRole("button", { name: "安排注销" }).click();
    await expect(page.getByText("请先在暂停服务后导出该区县的全部数据，再安排注销")).toBeVisible();

    // The whole data, as one archive the browser saves.
    const downloading = page.waitForEvent("download");
    await offboarding.getByRole("button", { name: "导出全部数据" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^兴宁区_450102_全部数据_\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    const archive = path.join(work, download.suggestedFilename());
    await download.saveAs(archive);
    const { stdout: listing } = await run("tar", ["-tzf", archive]);
    expect(listing.split("\n")).toEqual(
      expect.arrayContaining([
        "manifest.json",
        "county.json",
        "users.jsonl",
        "tables/townships.jsonl",
        "tables/audit_log.jsonl",
      ]),
    );
    const { stdout: manifestText } = await run("tar", ["-xzOf", archive, "manifest.json"]);
    const manifest = JSON.parse(manifestText) as {
      county: { name: string };
      entries: { path: string; rows?: number; sha256: string }[];
    };
    expect(manifest.county.name).toBe("兴宁区");
    expect(manifest.entries.find((entry) => entry.path === "tables/townships.jsonl")?.rows).toBeGreaterThan(5);
    for (const entry of manifest.entries) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);

    await page.reload();
    await expect(offboarding).toContainText("最近导出：");
    await offboarding.getByRole("button", { name: "安排注销" }).click();
    await expect(page.getByTestId("tenant-status")).toHaveText("待注销");
    await expect(offboarding).toContainText(/将于 .+ 永久删除全部数据/);
    // Scheduled, it cannot simply come back: the deletion is cancelled first.
    await page.getByRole("button", { name: "恢复服务" }).click();
    await expect(page.getByText("该区县已安排注销：请先撤销注销，再恢复服务")).toBeVisible();
    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: test.info().outputPath(`offboarding-${name}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await offboarding.getByRole("button", { name: "撤销注销" }).click();
    await expect(page.getByTestId("tenant-status")).toHaveText("已暂停");

    // Another deployment (an empty embedded database) takes the archive, once.
    const elsewhere = childEnvironment({ DATA_DIR: path.join(work, "elsewhere") }, ["DATABASE_URL", "FILES_DIR"]);
    const imported = await run("npx", ["tsx", "scripts/import-county.ts", archive], { env: elsewhere });
    expect(imported.stdout).toMatch(/^已导入兴宁区：\d+ 行数据，0 个文件。/);
    const again = await run("npx", ["tsx", "scripts/import-county.ts", archive], { env: elsewhere }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("未导入：本平台已有兴宁区，不能再导入一次。"),
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
