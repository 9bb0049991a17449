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
