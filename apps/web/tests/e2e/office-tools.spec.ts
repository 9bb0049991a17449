import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { choose, chooseOption, openMenuEntry, signIn, waitForHydration } from "./support";

/**
 * The office's tools that act on many things at once or on another person's account: batch
 * 签收 and 催办 on the case list, the admin's password reset link, and 代表进站 of several
 * deputies in one go.
 */

/** Every person's browser context in a test, closed after it. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function as(browser: Browser, username: string, password?: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, username, password);
  return page;
}

/** Takes a step on the case page: its button, its form, then waits for the new stage. */
async function step(page: Page, action: string, fill: (dialog: Locator) => Promise<void>, stage: string) {
  await page.getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await fill(dialog);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("case-state")).toHaveText(stage);
}

/**
 * The liaison officer registers what a citizen said and hands it to the township for 交办
 * (a 个性问题): the case waits at 交办承办单位.
 */
async function registerForAssignment(liaison: Page, content: string) {
  await liaison.goto("/work/new");
  await choose(liaison, "站点", "first");
  await choose(liaison, "来源渠道", "接待日登记");
  await choose(liaison, "问题类别", "城乡建设");
  await liaison.getByRole("textbox", { name: /^意见建议/ }).fill(content);
  await liaison.getByRole("button", { name: "登记", exact: true }).click();
  await expect(liaison.getByTestId("case-state")).toHaveText("登记");
  await waitForHydration(liaison);
  await step(liaison, "提交初审", (d) => d.getByLabel("意见摘要").fill(content), "联络站初审");
  await step(
    liaison,
    "现场交办",
    (d) => chooseOption(liaison, d.getByRole("combobox", { name: "问题类型" }), "个性问题"),
    "交办承办单位",
  );
}

/** The case list filtered to one topic (every case, not only those on the user's desk). */
async function listTopic(page: Page, topic: string) {
  await page.goto(`/work?view=all&q=${encodeURIComponent(topic)}`);
  await waitForHydration(page);
  return page.getByTestId("inbox").locator("tbody tr");
}

test("the unit signs for two assigned cases at once, the township urges both, and the unit is told", async ({
  browser,
}) => {
  const topic = `排水沟堵塞${Date.now()}`;
  const liaison = await as(browser, "xxt-liaison");
  for (const where of ["东巷", "西巷"]) await registerForAssignment(liaison, `${topic}：${where}`);

  // The township assigns both to 区住建局.
  const township = await as(browser, "xxt-jinling");
  let rows = await listTopic(township, topic);
  await expect(rows).toHaveCount(2);
  await township.getByRole("checkbox", { name: "全选本页" }).check();
  await township.getByTestId("bulk-assign").click();
  const dialog = township.getByRole("dialog");
  await chooseOption(township, dialog.getByRole("combobox", { name: "承办单位" }), "区住建局");
  await dialog.getByRole("button", { name: "交办", exact: true }).click();
  await expect(dialog).toBeHidden();

  // The unit selects both, one box at a time, and signs for them in one go.
  const unit = await as(browser, "xxt-responder");
  rows = await listTopic(unit, topic);
  await expect(rows.getByText("承办单位签收", { exact: true })).toHaveCount(2);
  for (const where of ["东巷", "西巷"]) await unit.getByRole("checkbox", { name: `选择 ${topic}：${where}` }).check();
  await unit.getByTestId("batch-accept").click();
  await expect(unit.getByTestId("batch-report")).toContainText("已签收 2 件");
  await expect(rows.getByText("办理中", { exact: true })).toHaveCount(2);
  await expect(rows.getByText("承办单位签收", { exact: true })).toHaveCount(0);

  // Signing again does nothing, and says why for each case.
  await unit.getByRole("checkbox", { name: "全选本页" }).check();
  await unit.getByTestId("batch-accept").click();
  const again = unit.getByTestId("batch-report");
  await expect(again).toContainText("已签收 0 件");
  await expect(again).toContainText("以下 2 件未处理");
  await expect(again.getByText(/不在签收环节，或不归您签收/)).toHaveCount(2);
  await expect(rows.getByText("办理中", { exact: true })).toHaveCount(2);

  // The township urges both; the unit's notifications say so, case by case.
  const urged = unit.getByTestId("notification").filter({ hasText: topic }).filter({ hasText: "被催办" });
  await unit.goto("/notifications");
  await expect(urged).toHaveCount(0);
  rows = await listTopic(township, topic);
  await expect(rows.getByText("办理中", { exact: true })).toHaveCount(2);
  await township.getByRole("checkbox", { name: "全选本页" }).check();
  await township.getByTestId("batch-urge").click();
  await expect(township.getByTestId("batch-report")).toContainText("已催办 2 件");
  // Urging leaves the cases where they are.
  await expect(rows.getByText("办理中", { exact: true })).toHaveCount(2);
  // Delivered by the server's outbox worker, a moment later.
  await expect(async () => {
    await unit.goto("/notifications");
    await expect(urged).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  for (const where of ["东巷", "西巷"]) {
    await expect(urged.filter({ hasText: `案件“${topic}：${where}”被催办，请加快办理` })).toHaveCount(1);
  }
  // The case's timeline records it in words.
  await urged.first().getByRole("link").click();
  await expect(unit.getByTestId("timeline").getByText("催办", { exact: true })).toBeVisible();
});

test("the admin issues a password reset link: shown once, the old password and session end, the log says so", async ({
  browser,
}) => {
  const username = "xxt-reset-op";
  const first = "金陵镇人大 第一个密码";
  const second = "金陵镇人大 重设后的密码";

  // A township operator who has set a password.
  const admin = await as(browser, "xxt-admin");
  await openMenuEntry(admin, "用户与角色");
  await admin.getByRole("button", { name: "邀请用户" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("用户名").fill(username);
  await dialog.getByLabel("姓名").fill("金陵镇韦干事");
  await dialog.getByLabel("负责的乡镇（街道）").click();
  await admin.getByRole("option", { name: "金陵镇" }).click();
  await dialog.getByRole("button", { name: "邀请用户" }).click();
  const invitation = await dialog.getByTestId("invitation-url").inputValue();
  await dialog.getByRole("button", { name: "返回" }).click();
  const user = await newPage(browser);
  await user.goto(invitation);
  await user.getByLabel(/^新密码/).fill(first);
  await user.getByLabel("确认新密码").fill(first);
  await user.getByRole("button", { name: "设置密码并登录" }).click();
  await expect(user.getByTestId("current-user")).toBeAttached();
  const signedInAt = user.url();

  // The admin issues the link from the user's row; it is shown once.
  const row = admin.getByTestId("users").getByRole("row").filter({ hasText: username });
  await admin.reload();
  await row.getByRole("button", { name: "重设密码链接" }).click();
  const shown = row.getByTestId("reset-link");
  await expect(shown).toContainText("链接只能使用一次");
  const link = (await shown.locator("pre, code").first().textContent())!.trim();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\//);
  await admin.reload();
  await expect(row.getByTestId("reset-link")).toHaveCount(0);
  await expect(row.getByRole("button", { name: "重设密码链接" })).toBeVisible();

  // The user opens it in another browser: it says it resets, and sets a new password.
  const elsewhere = await newPage(browser);
  await elsewhere.goto(link);
  await expect(elsewhere.getByRole("heading", { name: "重设密码" })).toBeVisible();
  await expect(elsewhere.getByText(username)).toBeVisible();
  await expect(elsewhere.getByText("受邀")).toHaveCount(0);
  await elsewhere.getByLabel(/^新密码/).fill(second);
  await elsewhere.getByLabel("确认新密码").fill(second);
  await elsewhere.getByRole("button", { name: /设置.*密码/ }).click();
  await expect(elsewhere.getByTestId("current-user")).toBeAttached();

  // The page signed in with the old password is signed out; the old password no longer works.
  await user.goto(signedInAt);
  await expect(user).toHaveURL(/\/sign-in/);
  await user.getByLabel("用户名").fill(username);
  await user.getByLabel("密码").fill(first);
  await user.getByRole("button", { name: "登录" }).click();
  await expect(user.getByRole("alert")).toHaveText("用户名或密码错误");
  await signIn(user, username, second);

  // The link is used up.
  const reuse = await elsewhere.context().newPage();
  expect((await reuse.goto(link))!.status()).toBe(410);

  // A second link, posted 20 times at once: one sets the password, 19 are told it is used up.
  await admin.reload();
  await row.getByRole("button", { name: "重设密码链接" }).click();
  const raced = (await row.getByTestId("reset-link").locator("pre, code").first().textContent())!.trim();
  const statuses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      elsewhere.request
        .post(raced, {
          form: { password: `${second}${i}`, confirmPassword: `${second}${i}` },
          headers: { origin: new URL(raced).origin },
          maxRedirects: 0,
        })
        .then((response) => response.status()),
    ),
  );
  expect(statuses.filter((status) => status === 302)).toHaveLength(1);
  expect(statuses.filter((status) => status === 410)).toHaveLength(19);

  // The audit log says, in words, who issued a link for whom, and that it was used.
  await openMenuEntry(admin, "审计日志");
  const log = admin.getByTestId("audit-log");
  const issued = log.getByRole("row").filter({ hasText: "签发重设密码链接" }).first();
  await expect(issued).toContainText(`用户名：${username}`);
  const used = log.getByRole("row").filter({ hasText: "通过重设链接设置新密码" }).first();
  await expect(used).toContainText("金陵镇韦干事");
  await expect(log).not.toContainText("{");
  await expect(log).not.toContainText("password_reset");
});

test("代表进站: the township stations several deputies at once, and is offered only those not in the station", async ({
  browser,
}) => {
  const township = await as(browser, "xxt-jinling");
  await openMenuEntry(township, "站点");
  await township.getByTestId("stations").getByRole("link").first().click();
  // A client-side navigation: the station page is drawn after the address changes.
  await expect(township).toHaveURL(/\/county\/stations\/[0-9a-f-]{36}$/);
  const inStation = township.getByTestId("station-deputies");
  await expect(inStation.getByRole("link").first()).toBeVisible();
  const names = async () => (await inStation.getByRole("link").allTextContents()).map((n) => n.trim());
  const before = await names();
  expect(before.length).toBeGreaterThan(0);
  const heading = township.getByRole("heading", { name: /^进站代表（\d+）$/ });
  await expect(heading).toHaveText(`进站代表（${before.length}）`);

  // The picker lists deputies of the station's township, none of those already in it.
  const picker = township.getByRole("combobox", { name: "代表进站" });
  await picker.click();
  const options = township.getByRole("option");
  await expect(options.first()).toBeVisible();
  const offered = (await options.allTextContents()).map((text) => text.replace(/（.*$/, "").trim());
  expect(offered.length).toBeGreaterThanOrEqual(2);
  for (const name of before) expect(offered).not.toContain(name);
  // Even when one of them is searched for by name.
  const searched = township.waitForResponse(
    (r) => r.url().includes("/county/deputy-options") && r.url().includes(encodeURIComponent(before[0]!)),
  );
  await picker.fill(before[0]!);
  await searched;
  for (const text of await options.allTextContents()) expect(text.replace(/（.*$/, "").trim()).not.toBe(before[0]);
  await picker.fill("");

  // Two picked, one submit: both are in.
  const chosen = offered.slice(0, 2);
  for (const name of chosen) {
    await picker.fill(name);
    await township
      .getByRole("option", { name: new RegExp(`^${name}（`) })
      .first()
      .click();
  }
  await township.keyboard.press("Escape");
  await township.getByRole("button", { name: "代表进站" }).click();
  await expect(heading).toHaveText(`进站代表（${before.length + 2}）`);
  for (const name of chosen) await expect(inStation.getByRole("link", { name, exact: true })).toBeVisible();

  // Now they are in, the picker no longer offers them.
  await picker.click();
  await expect(options.first()).toBeVisible();
  const now = (await options.allTextContents()).map((text) => text.replace(/（.*$/, "").trim());
  for (const name of [...before, ...chosen]) expect(now).not.toContain(name);
});
