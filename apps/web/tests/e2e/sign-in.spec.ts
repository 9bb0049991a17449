import { expect, test } from "@playwright/test";
import { choose, openMenuEntry, signIn, signOut } from "./support";

test("the sign-in page answers in Chinese by default, and English on request", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByRole("button", { name: "语言" }).click();
  await page.getByRole("menuitem", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("five wrong passwords lock the account, whether or not it exists, with the same message", async ({
  page,
  browser,
}) => {
  // An account of this test's own, invited and set up as a user would: locking a demo account
  // would lock out the next tests that sign in with it for a minute.
  const username = `lock-test-${Date.now() % 100_000}`;
  const password = "金陵镇 锁定测试 密码";
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "xxt-admin");
  await openMenuEntry(admin, "用户与角色");
  await admin.getByRole("button", { name: "邀请用户" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("用户名").fill(username);
  await dialog.getByLabel("姓名").fill("锁定测试");
  await choose(admin, "负责的乡镇（街道）", "金陵镇");
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  const invitation = await dialog.getByTestId("invitation-url").inputValue();
  await admin.context().close();
  await page.goto(invitation);
  await page.getByLabel(/^新密码/).fill(password);
  await page.getByLabel("确认新密码").fill(password);
  await page.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(page.getByTestId("current-user")).toBeAttached();
  await signOut(page);

  // From an address of its own (the server trusts one proxy): its ten failures count there, and the
  // address every other test signs in from stays below its own limit of 20.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.23" });
  const attempt = async (name: string, secret: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("用户名").fill(name);
    await page.getByLabel("密码").fill(secret);
    await page.getByRole("button", { name: "登录" }).click();
    return page.getByRole("alert");
  };
  for (let i = 1; i <= 5; i++) await expect(await attempt(username, `wrong-${i}`)).toHaveText("用户名或密码错误");
  // Locked: even the right password is refused, and the lock says for how long.
  await expect(await attempt(username, password)).toHaveText("登录失败次数过多，请 1 分钟后再试");

  for (let i = 1; i <= 5; i++) await expect(await attempt("nobody-here", `wrong-${i}`)).toHaveText("用户名或密码错误");
  await expect(await attempt("nobody-here", "x")).toHaveText("登录失败次数过多，请 1 分钟后再试");
});

test("the session cookie is HttpOnly, Secure and SameSite=Lax, and signing out revokes it on the server", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-liaison");
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === "__Host-rd_session");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  expect(cookie!.value).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut/);
  await expect(page.getByText("您已安全退出")).toBeVisible();

  // The old cookie, replayed from elsewhere, opens nothing.
  const replay = await browser.newContext();
  await replay.addCookies([cookie!]);
  const replayPage = await replay.newPage();
  await replayPage.goto("/county");
  await expect(replayPage).toHaveURL(/\/sign-in\?redirectTo=%2Fcounty/);
  await replay.close();
});
