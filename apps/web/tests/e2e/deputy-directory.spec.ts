import { expect, test } from "@playwright/test";
import { choose, signIn } from "./support";

const HEADER = "姓名,代表层级,届次,选区,所属乡镇,进站联络站,行业,专长标签,联系电话,性别";
const TOWNSHIPS = ["金陵镇", "双定镇", "石埠街道", "坛洛镇"];

/** 2,000 deputies as a CSV the county might send, with `broken` rows spoiled on purpose. */
function directoryCsv(broken: Record<number, (cells: string[]) => string[]> = {}) {
  const lines = Array.from({ length: 2000 }, (_, i) => {
    const cells = [
      `导入代表${String(i + 1).padStart(4, "0")}`,
      ["县", "乡", "市"][i % 3]!,
      "第十八届",
      `第${(i % 40) + 1}选区`,
      TOWNSHIPS[i % TOWNSHIPS.length]!,
      "",
      ["农业", "教育", "医疗卫生"][i % 3]!,
      i % 5 === 0 ? "乡村振兴、法律" : "",
      `137${String(10_000_000 + i).slice(-8)}`,
      i % 2 ? "女" : "男",
    ];
    return (broken[i]?.(cells) ?? cells).join(",");
  });
  return Buffer.from(`${HEADER}\n${lines.join("\n")}\n`, "utf8");
}

test("a 2,000-row directory with 3 bad rows is refused naming them; fixed, it imports whole", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/deputies");
  await page.getByRole("link", { name: "导入名册" }).click();
  const file = page.locator('input[type="file"][name="file"]');

  await file.setInputFiles({
    name: "代表名册.csv",
    mimeType: "text/csv",
    buffer: directoryCsv({
      9: (cells) => ["", ...cells.slice(1)], // no name: sheet row 11
      999: (cells) => [cells[0]!, "村", ...cells.slice(2)], // no such level: row 1001
      1998: (cells) => [...cells.slice(0, 4), "不存在镇", ...cells.slice(5)], // unknown township: row 2000
    }),
  });
  await page.getByRole("button", { name: "检查" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(page.getByText("共 2000 行，发现 3 处错误，未导入任何数据")).toBeVisible();
  await expect(errors.locator("tbody tr")).toHaveCount(3);
  await expect(errors).toContainText("第 11 行");
  await expect(errors).toContainText("第 1001 行");
  await expect(errors).toContainText("第 2000 行");
  await expect(errors).toContainText("代表层级应为全国、省、市、县或乡");
  await expect(errors).toContainText("所选乡镇（街道）不存在或已归档");

  await file.setInputFiles({ name: "代表名册.csv", mimeType: "text/csv", buffer: directoryCsv() });
  await page.getByRole("button", { name: "检查" }).click();
  await page.getByRole("button", { name: "确认导入 2000 位代表" }).click();
  await expect(page.getByText("已导入 2000 位代表")).toBeVisible();
  await page.goto("/county/deputies?q=导入代表");
  await expect(page.getByText("共 2000 条")).toBeVisible();

  // A file that is not a spreadsheet at all is the wrong kind of content.
  const origin = new URL(page.url()).origin;
  const wrong = await page.request.post("/county/deputies/import", {
    headers: { origin },
    multipart: {
      intent: "check",
      file: { name: "名册.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip") },
    },
  });
  expect(wrong.status()).toBe(415);

  // Full numbers leave only on purpose: the export says who took them.
  const download = page.waitForEvent("download");
  await page.goto("/county/deputies");
  await page.getByRole("button", { name: "导出 Excel" }).click();
  await page.getByRole("menuitem", { name: "导出（含完整电话，记入审计）" }).click();
  expect((await download).suggestedFilename()).toBe("人大代表名册.xlsx");
  await page.goto("/county/audit");
  await expect(page.getByTestId("audit-log")).toContainText("导出代表名册（含电话）");
});

test("a township operator adds and edits deputies of its own township only", async ({ page }) => {
  await signIn(page, "xxt-jinling");
  await page.goto("/county/deputies");
  await page.getByRole("link", { name: "新增代表" }).click();
  await page.getByLabel("姓名").fill("蓝 秀 凤");
  await choose(page, "层级", "乡（镇）");
  await page.getByLabel("联系电话").fill("1371234");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("请输入正确的手机号或座机号")).toBeVisible();
  await page.getByLabel("联系电话").fill("13712345678");
  await page.getByLabel("专长标签").fill("法律、调解");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: "蓝秀凤" })).toBeVisible();
  await expect(page.getByText("137****5678")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("13712345678");

  // The same name twice in one township is the same deputy.
  await page.goto("/county/deputies/new");
  await page.getByLabel("姓名").fill("蓝秀凤");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("该代表已存在")).toBeVisible();

  // Only 金陵镇 can be chosen: the operator's scope.
  await page.getByRole("combobox", { name: "所属乡镇（街道）" }).click();
  await expect(page.getByRole("option")).toHaveText(["金陵镇"]);
});
