import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openMenuEntry, pick, signIn } from "./support";

const ADMIN_PASSWORD = "港城人大 2026 春";

test("an operator onboards a county whose admin sets a password, invites an operator, and is locked out on suspension", async ({
  browser,
  page,
}) => {
  // The operator picks 张家港市 from the division list and sees what will be imported.
  await signIn(page, "operator");
  await expect(page).toHaveURL(/\/platform$/);
  await page.getByRole("link", { name: "开通区县" }).first().click();
  await pick(page, "省份", "江苏省");
  await pick(page, "地级市", "苏州市");
  await pick(page, "区县", "张家港市");
  await expect(page.getByTestId("township-preview")).toContainText("将导入 15 个乡镇（街道）");
  await expect(page.getByTestId("township-preview")).toContainText("杨舍镇");
  await page.getByLabel("首位管理员用户名").fill("zjg-admin");
  await page.getByLabel("管理员姓名").fill("张家港市人大常委会办公室");
  await page.getByRole("button", { name: "开通区县" }).click();
  const invitationUrl = await page.getByTestId("invitation-url").inputValue();
  expect(invitationUrl).toMatch(/^http:\/\/localhost:\d+\/invite\//);

  // The tenant list shows it, and its page shows the real townships.
  await page.getByRole("navigation").getByRole("link", { name: "区县租户" }).click();
  await page.getByRole("link", { name: "张家港市" }).click();
  await expect(page.getByTestId("tenant-townships")).toContainText("杨舍镇");
  await expect(page.getByTestId("tenant-townships")).toContainText("金港街道");
  await expect(page.getByTestId("tenant-status")).toHaveText("正常");

  // The new admin follows the invitation in a browser of their own.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(invitationUrl);
  await expect(admin.getByText("您已受邀加入 张家港市")).toBeVisible();
  await admin.getByLabel(/^新密码/).fill("short");
  await admin.getByLabel("确认新密码").fill("short");
  await admin.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(admin.getByText("密码至少需要 8 个字符")).toBeVisible();
  await admin.getByLabel(/^新密码/).fill(ADMIN_PASSWORD);
  await admin.getByLabel("确认新密码").fill(ADMIN_PASSWORD);
  await admin.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(admin).toHaveURL(/\/county$/);
  await expect(admin.getByRole("heading", { name: "张家港市人大常委会" })).toBeVisible();

  // The link works once only.
  const reuse = await adminContext.newPage();
  const reuseResponse = await reuse.goto(invitationUrl);
  expect(reuseResponse?.status()).toBe(410);
  await reuse.close();

  await openMenuEntry(admin, "乡镇街道");
  await expect(admin.getByTestId("townships")).toContainText("塘桥镇");
  await expect(admin.getByText("共 15 条")).toBeVisible();

  // … and invites a township operator for 杨舍镇.
  await openMenuEntry(admin, "用户与角色");
  await admin.getByRole("button", { name: "邀请用户" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("用户名").fill("Bad Name");
  await dialog.getByLabel("姓名").fill("杨舍镇人大");
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  await expect(dialog.getByText("用户名只能包含小写字母")).toBeVisible();
  await dialog.getByLabel("用户名").fill("yangshe-op");
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  await expect(dialog.getByText("该角色至少需要负责一个乡镇（街道）")).toBeVisible();
  await dialog.getByLabel("负责的乡镇（街道）").click();
  await admin.getByRole("option", { name: "杨舍镇" }).click();
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  await expect(dialog.getByTestId("invitation-url")).toHaveValue(/\/invite\//);
  await dialog.getByRole("button", { name: "返回" }).click();
  await expect(admin.getByTestId("users")).toContainText("yangshe-op");
  await expect(admin.getByTestId("users")).toContainText("杨舍镇");
  await expect(admin.getByTestId("users")).toContainText("待设置密码");

  // The operator suspends the county: the admin's open session ends, and signing in fails.
  await page.getByRole("button", { name: "暂停服务" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("已暂停");
  await admin.reload();
  await expect(admin).toHaveURL(/\/sign-in/);
  await admin.getByLabel("用户名").fill("zjg-admin");
  await admin.getByLabel("密码").fill(ADMIN_PASSWORD);
  await admin.getByRole("button", { name: "登录" }).click();
  await expect(admin.getByRole("alert")).toHaveText("用户名或密码错误");

  // Reactivated, everything is back.
  await page.getByRole("button", { name: "恢复服务" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("正常");
  await admin.getByRole("button", { name: "登录" }).click();
  await expect(admin).toHaveURL(/\/county\/users$/); // back where the session ended
  await adminContext.close();
});

test("onboarding the same county twice is refused with a clear message", async ({ page }) => {
  await signIn(page, "operator");
  await page.goto("/platform/onboard");
  await pick(page, "省份", "广西壮族自治区");
  await pick(page, "地级市", "南宁市");
  await pick(page, "区县", "西乡塘区");
  await page.getByLabel("首位管理员用户名").fill("xxt-second");
  await page.getByLabel("管理员姓名").fill("重复");
  await page.getByRole("button", { name: "开通区县" }).click();
  await expect(page.getByText("西乡塘区 已经开通，不能重复开通")).toBeVisible();
});

test("the tenant list shows every county's health, sorts by a column keeping the search, and downloads it as CSV", async ({
  page,
}) => {
  // A second county, onboarded now: never signed in, nothing opened.
  await signIn(page, "operator");
  await page.goto("/platform/onboard");
  await pick(page, "省份", "广西壮族自治区");
  await pick(page, "地级市", "南宁市");
  await pick(page, "区县", "江南区");
  await page.getByLabel("首位管理员用户名").fill("jn-admin");
  await page.getByLabel("管理员姓名").fill("江南区管理员");
  await page.getByRole("button", { name: "开通区县" }).click();
  await page.getByRole("link", { name: "查看区县" }).click();
  const section = page.getByTestId("county-health-section");
  await expect(section).toContainText("运行状况");
  await expect(section).toContainText("从未登录");

  await page.goto("/platform?q=区");
  const table = page.getByTestId("county-health");
  for (const column of ["30天活跃", "本月新增", "本月办结", "当前超期", "发送失败", "存储用量", "最近登录"]) {
    await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
  }
  const rows = table.getByTestId("county-health-row");
  const jiangnan = rows.filter({ hasText: "江南区" });
  await expect(jiangnan).toContainText("从未登录");
  // The demo county's staff have signed in, and some of its cases are past their deadline.
  const demo = rows.filter({ hasText: "西乡塘区" });
  await expect(demo).not.toContainText("从未登录");
  expect(Number(await demo.locator("td:nth-child(7)").textContent())).toBeGreaterThan(0);

  // Sorted by code, one way then the other; the search stays.
  const codes = () => rows.locator("td:nth-child(2)").allTextContents();
  await table.getByTestId("sort-code").click();
  await expect(page).toHaveURL(/[?&]sort=code&dir=asc/);
  await expect(page).toHaveURL(/[?&]q=%E5%8C%BA/);
  const codeHeader = table.getByRole("columnheader", { name: "代码", exact: true });
  await expect(codeHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await codes();
  expect(ascending.length).toBeGreaterThanOrEqual(2);
  expect(ascending).toEqual([...ascending].sort());
  await table.getByTestId("sort-code").click();
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect(codeHeader).toHaveAttribute("aria-sort", "descending");
  expect(await codes()).toEqual([...ascending].reverse());

  // The CSV: UTF-8 with a BOM, Chinese headers, one record per county on the page, in its order.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("county-health-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^区县运行状况_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(header).toBe(
    "区县,行政区划代码,所属地区,状态,近30天活跃用户,本月新增案件,本月办结,当前超期,消息发送失败,存储用量（字节）,最近登录,最近活动,60天无活动,模板集,可升级版本,开通时间",
  );
  expect(records.map((record) => record.split(",")[1])).toEqual([...ascending].reverse());
  expect(records.find((record) => record.startsWith("江南区,"))).toMatch(
    /^江南区,450105,广西壮族自治区 南宁市,正常,0,0,0,0,0,0,,,否,通用模板 第 1 版,,/,
  );

  // A column the list does not have is a 400, on the page and for the download.
  expect((await page.request.get("/platform?sort=passwordHash")).status()).toBe(400);
  expect((await page.request.get("/platform/tenants.csv?sort=name&dir=sideways")).status()).toBe(400);
});
