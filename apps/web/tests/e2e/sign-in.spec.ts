import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support";

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

test("five wrong passwords lock the account, whether or not it exists, with the same message", async ({ page }) => {
  const attempt = async (username: string, password: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    return page.getByRole("alert");
  };
  for (let i = 1; i <= 5; i++)
    await expect(await attempt("xxt-responder", `wrong-${i}`)).toHaveText("用户名或密码错误");
  // Locked: even the right password is refused, and the lock says for how long.
  await expect(await attempt("xxt-responder", DEMO_PASSWORD)).toHaveText("登录失败次数过多，请 1 分钟后再试");

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
