import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  expect,
  type Page,
  test,
} from "@playwright/test";
import { choose, chooseOption, signIn, waitForHydration } from "./support";

/** A 1×1 PNG: the citizen's photo. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
/** What a prankster types: it must show as text everywhere and never run. */
const XSS = `村口路灯坏了 <img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;

/** Every person's browser context in a test, closed after it. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, username);
  return page;
}

async function noScriptRan(page: Page) {
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
}

/** The public code of the first station a user sees (printed beside its QR code). */
async function stationCode(page: Page) {
  await page.goto("/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  return (await page.getByTestId("public-code").textContent())!;
}

/** What a citizen fills in on the station's public page. */
async function fillOpinion(page: Page, publicCode: string, text: string) {
  await page.goto(`/s/${publicCode}`);
  // A native select (the phone's own picker), answered once the page has hydrated.
  await waitForHydration(page);
  await page.getByRole("combobox", { name: "问题类别" }).selectOption({ label: "城乡建设" });
  await page.getByRole("textbox", { name: /^意见建议/ }).fill(text);
}

/**
 * Sends the public form once the page allows it (its proof of work solved and the shortest
 * human fill time passed); answers the tracking code.
 */
async function sendOpinion(page: Page) {
  const submit = page.getByRole("button", { name: "提交意见" });
  await expect(submit).toBeEnabled({ timeout: 60_000 });
  await submit.click();
  return (await page.getByTestId("tracking-code").textContent())!;
}

/** Opens the case page from the workbench, finding the case by its tracking code. */
async function openCase(page: Page, code: string) {
  await page.goto(`/work?view=all&q=${code}`);
  await page.getByTestId("inbox").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/work\/cases\//);
}

/** Takes a step on the case page: its button, its form, then waits for the new stage. */
async function step(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
  stage: string,
) {
  await page.getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await fill(dialog);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("case-state")).toHaveText(stage);
}

async function chooseIn(page: Page, dialog: ReturnType<Page["getByRole"]>, label: string, option: string) {
  await chooseOption(page, dialog.getByRole("combobox", { name: label }), option);
}

test("an opinion from the station's QR code to the citizen's 满意, seen on the dashboard", async ({ browser }) => {
  const admin = await as(browser, "xxt-admin");
  await admin.goto("/county/dashboard");
  const closedBefore = Number(await admin.getByTestId("stat-closed").textContent());

  // The liaison officer's station: its public code is on its page, beside the QR code.
  const liaison = await as(browser, "xxt-liaison");
  const publicCode = await stationCode(liaison);

  // A citizen scans it on a phone: no sign-in.
  const citizen = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
  await fillOpinion(citizen, publicCode, XSS);
  await citizen
    .locator('input[type="file"][name="photos"]')
    .setInputFiles({ name: "路灯.png", mimeType: "image/png", buffer: PNG });
  await citizen.getByLabel("手机号码（选填）").fill("13877001234");
  await citizen.getByLabel(/我同意/).check();
  const code = await sendOpinion(citizen);
  expect(code).toMatch(/^450107-[2-9A-Z]{8}$/);
  await citizen.getByRole("link", { name: "查看办理进度" }).click();
  await expect(citizen.getByTestId("track-stage")).toHaveText("登记");
  await expect(citizen.getByTestId("track-title")).toContainText("<img src=x");
  await expect(citizen.getByText("13877001234")).toHaveCount(0);
  await noScriptRan(citizen);

  // The liaison officer finds it on their desk and registers it.
  await liaison.goto(`/work?q=${code}`);
  await expect(liaison.getByTestId("inbox").getByRole("link")).toHaveCount(1);
  await openCase(liaison, code);
  await expect(liaison.getByTestId("case-content")).toHaveText(XSS);
  await expect(liaison.getByRole("img", { name: "照片" })).toBeVisible();
  await expect(liaison.getByText("138****1234")).toBeVisible();
  await noScriptRan(liaison);
  await step(liaison, "提交初审", (d) => d.getByLabel("意见摘要").fill("村口路灯不亮"), "联络站初审");
  await step(liaison, "现场交办", (d) => chooseIn(liaison, d, "问题类型", "个性问题"), "交办承办单位");

  // The township assigns it to a handling unit.
  const township = await as(browser, "xxt-jinling");
  await openCase(township, code);
  await step(township, "交办", (d) => chooseIn(township, d, "承办单位", "区住建局"), "承办单位签收");

  // The unit returns it with a reason; the county rules that the unit keeps it.
  const unit = await as(browser, "xxt-responder");
  await openCase(unit, code);
  await noScriptRan(unit);
  await step(unit, "退回", (d) => d.getByLabel("退回理由").fill("路灯属城管部门管理"), "退回裁定");
  await openCase(admin, code);
  await step(admin, "裁定", (d) => chooseIn(admin, d, "裁定", "退回不成立，原单位签收办理"), "承办单位签收");

  // The unit accepts and answers.
  await unit.reload();
  await step(unit, "签收", async () => {}, "办理中");
  await step(unit, "答复", (d) => d.getByLabel("答复内容").fill("已联系供电所，三日内修复"), "群众满意度测评");

  // The citizen is not satisfied: it is redone.
  await citizen.reload();
  await expect(citizen.getByTestId("track-answers")).toContainText("三日内修复");
  await citizen.getByRole("radio", { name: "不满意" }).check();
  await citizen.getByRole("button", { name: "提交评价" }).click();
  await expect(citizen.getByTestId("track-stage")).toHaveText("办理中");
  await unit.reload();
  await step(unit, "答复", (d) => d.getByLabel("答复内容").fill("路灯已全部更换"), "群众满意度测评");
  await citizen.reload();
  await citizen.getByRole("radio", { name: "满意", exact: true }).check();
  await citizen.getByRole("button", { name: "提交评价" }).click();
  await expect(citizen.getByTestId("track-stage")).toHaveText("办结");
  await noScriptRan(citizen);

  // The timeline shows every step; the dashboard counts it.
  await admin.reload();
  const timeline = admin.getByTestId("timeline");
  for (const text of ["提交", "提交初审", "现场交办", "交办", "退回", "裁定", "签收", "答复", "评价"]) {
    await expect(timeline.getByText(text, { exact: true }).first()).toBeVisible();
  }
  await expect(timeline.getByText("退回理由：路灯属城管部门管理")).toBeVisible();
  await expect(timeline.getByText("满意度：不满意")).toBeVisible();
  await expect(timeline.getByText("答复内容：路灯已全部更换")).toBeVisible();
  await expect(timeline.locator(".mantine-Timeline-item")).toHaveCount(11);
  await admin.goto("/county/dashboard");
  await expect(admin.getByTestId("stat-closed")).toHaveText(String(closedBefore + 1));
  await noScriptRan(admin);
});

test("another township's operator does not find the case; a unit sees only its own", async ({ browser }) => {
  // Cases seeded for other townships exist; xxt-jinling sees 金陵镇's only.
  const admin = await as(browser, "xxt-admin");
  await admin.goto("/work?view=all");
  const rows = admin.getByTestId("inbox").locator("tbody tr");
  const townshipCells = await rows.getByTestId("case-place").allTextContents();
  const elsewhere = townshipCells.findIndex((text) => !text.includes("金陵镇"));
  expect(elsewhere).toBeGreaterThanOrEqual(0);
  const href = await rows.nth(elsewhere).getByRole("link").first().getAttribute("href");

  const township = await as(browser, "xxt-jinling");
  const response = await township.goto(href!);
  expect(response!.status()).toBe(404);
  await township.goto("/work?view=all");
  for (const text of await township.getByTestId("inbox").getByTestId("case-place").allTextContents()) {
    expect(text).toContain("金陵镇");
  }

  const unit = await as(browser, "xxt-responder");
  await unit.goto("/work?view=all");
  for (const text of await unit.getByTestId("inbox").getByTestId("case-unit").allTextContents()) {
    expect(text).toBe("区住建局");
  }
  expect(await unit.getByTestId("inbox").locator("tbody tr").count()).toBeGreaterThan(0);
});

test("the township assigns two registered opinions at once from the workbench", async ({ browser }) => {
  const liaison = await as(browser, "xxt-liaison");
  const publicCode = await stationCode(liaison);
  const citizen = await newPage(browser);
  const topic = `井盖缺失${Date.now()}`;
  for (const where of ["东街", "西街"]) {
    await fillOpinion(citizen, publicCode, `${topic}：${where}`);
    const code = await sendOpinion(citizen);
    await openCase(liaison, code);
    await step(liaison, "提交初审", (d) => d.getByLabel("意见摘要").fill("井盖缺失"), "联络站初审");
    await step(liaison, "现场交办", (d) => chooseIn(liaison, d, "问题类型", "个性问题"), "交办承办单位");
  }

  const township = await as(browser, "xxt-jinling");
  await township.goto(`/work?q=${topic}`);
  const inbox = township.getByTestId("inbox");
  await expect(inbox.locator("tbody tr")).toHaveCount(2);
  await township.getByRole("checkbox", { name: "全选本页" }).check();
  await township.getByTestId("bulk-assign").click();
  const dialog = township.getByRole("dialog");
  await chooseIn(township, dialog, "承办单位", "区住建局");
  await dialog.getByRole("button", { name: "交办", exact: true }).click();
  await expect(dialog).toBeHidden();
  // Off the township's desk, onto the unit's.
  await expect(inbox.locator("tbody tr")).toHaveCount(0);
  const unit = await as(browser, "xxt-responder");
  await unit.goto(`/work?q=${topic}`);
  await expect(unit.getByTestId("inbox").locator("tbody tr")).toHaveCount(2);
  await expect(unit.getByTestId("inbox").getByText("承办单位签收")).toHaveCount(2);
});

test("the public form sent again with its key: its code for the same text, a refusal for other text", async ({
  browser,
}) => {
  const liaison = await as(browser, "xxt-liaison");
  const publicCode = await stationCode(liaison);
  const citizen = await newPage(browser);
  const text = `公交站台顶棚漏雨${Date.now()}`;
  await fillOpinion(citizen, publicCode, text);
  const submit = citizen.getByRole("button", { name: "提交意见" });
  await expect(submit).toBeEnabled({ timeout: 60_000 });
  // What the browser sends (its key and solved puzzle among it), to send again as a double tap would.
  const sent: Record<string, string> = await citizen
    .locator('form[enctype="multipart/form-data"]')
    .evaluate((form) =>
      Object.fromEntries(
        [...new FormData(form as HTMLFormElement)].filter(
          (entry): entry is [string, string] => typeof entry[1] === "string",
        ),
      ),
    );
  await submit.click();
  const code = (await citizen.getByTestId("tracking-code").textContent())!;

  const again = (content: string) =>
    citizen.request.post(`/s/${publicCode}`, {
      headers: { origin: new URL(citizen.url()).origin },
      multipart: { ...sent, content },
    });
  const same = await again(text);
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain(code);
  const other = await again(`${text}，已经半个月了`);
  expect(other.status()).toBe(422);
  expect(await other.text()).toContain("这份表单已经提交过其他内容");
  // One case, with the first text.
  await liaison.goto(`/work?view=all&q=${text}`);
  await expect(liaison.getByTestId("inbox").getByRole("link")).toHaveCount(1);
});

test("a liaison officer registers what a citizen said on a reception day", async ({ browser }) => {
  const liaison = await as(browser, "xxt-liaison");
  await liaison.goto("/work");
  await liaison.getByRole("link", { name: "登记意见" }).click();
  // The inbox has a 站点 filter too: pick on the register page, not the page being left.
  await expect(liaison).toHaveURL(/\/work\/new$/);
  await choose(liaison, "站点", "first");
  await choose(liaison, "来源渠道", "接待日登记");
  await choose(liaison, "问题类别", "农业农村");
  await liaison.getByRole("textbox", { name: /^意见建议/ }).fill("农田灌溉水渠年久失修，影响春耕");
  await liaison.getByRole("button", { name: "登记", exact: true }).click();
  await expect(liaison).toHaveURL(/\/work\/cases\//);
  await expect(liaison.getByTestId("case-state")).toHaveText("登记");
  await expect(liaison.getByText("来源：接待日登记")).toBeVisible();
  await expect(liaison.getByTestId("case-content")).toHaveText("农田灌溉水渠年久失修，影响春耕");
});
