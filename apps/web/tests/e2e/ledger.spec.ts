import { expect, test } from "@playwright/test";
import { fillLedgerEntry, TINY_PNG } from "./ledger-support";
import { signIn } from "./support";

const STATION = "衡阳街道人大代表联络站";

test("an entry with a photo counts on its station's page; its photo is served re-encoded", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/stations?q=衡阳街道人大");
  await page.getByRole("link", { name: STATION }).click();
  await expect(page).toHaveURL(/\/county\/stations\/[0-9a-f-]{36}$/);
  const stationUrl = new URL(page.url()).pathname;
  const figure = async (name: string) =>
    Number((await page.getByTestId(`ledger-figures-${name}`).textContent())?.replace(/,/g, ""));
  const entriesBefore = await figure("entries");
  const peopleBefore = await figure("peopleReceived");

  // "记录活动" on the station's page comes with the station chosen.
  await page.getByRole("link", { name: "记录活动" }).click();
  await expect(page.getByRole("combobox", { name: "站点" })).toHaveValue(STATION);
  await fillLedgerEntry(page, {
    kind: "接待日",
    deputies: ["韦建国"],
    peopleReceived: 17,
    summary: "代表接待日：群众反映衡阳北社区路灯不亮，联系电话13907710001，已现场交办区城管局。",
    photos: [{ name: "reception.png", mimeType: "image/png", buffer: TINY_PNG }],
  });
  await expect(page.getByRole("heading", { name: /接待日 · \d{4}-\d{2}-\d{2}/ })).toBeVisible();
  await expect(page.getByTestId("entry-summary")).toContainText("139****0001");
  await expect(page.getByText("参加代表：韦建国")).toBeVisible();
  const photo = page.getByTestId("entry-photos").getByRole("img");
  await expect(photo).toHaveCount(1);
  const src = await photo.getAttribute("src");
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/jpeg"); // an opaque PNG is re-encoded as JPEG
  expect(served.headers()["content-disposition"]).toBe("attachment");

  await page.goto(stationUrl);
  expect(await figure("entries")).toBe(entriesBefore + 1);
  expect(await figure("peopleReceived")).toBe(peopleBefore + 17);
  await expect(page.getByTestId("ledger-latest")).toContainText("群众反映衡阳北社区路灯不亮");
});

test("a photo over 10 MB or one that is not what its name says gets a clear message, and nothing is saved", async ({
  page,
}) => {
  await signIn(page, "xxt-admin");
  const attempt = async (photo: { name: string; mimeType: string; buffer: Buffer }, status: number) => {
    await page.goto("/county/ledger/new");
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/county/ledger/new"),
    );
    await fillLedgerEntry(page, { station: STATION, summary: `上传测试 ${photo.name}`, photos: [photo] });
    expect((await answer).status()).toBe(status);
    await expect(page).toHaveURL(/\/county\/ledger\/new/);
    return page.getByTestId("form-error");
  };
  const big = Buffer.alloc(10 * 1024 * 1024 + 1);
  TINY_PNG.copy(big);
  await expect(await attempt({ name: "big.png", mimeType: "image/png", buffer: big }, 413)).toHaveText(
    "文件过大（不超过 10 MB）",
  );
  await expect(
    await attempt({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("这不是一张照片") }, 415),
  ).toHaveText("文件内容与扩展名不符，或不是允许的图片格式（JPEG、PNG、WebP）");
  // The typed summary is still there to try again.
  await expect(page.getByLabel("活动内容")).toHaveValue("上传测试 photo.jpg");
  await page.goto("/county/ledger?q=上传测试");
  await expect(page.getByText("共 0 条")).toBeVisible();
});

test("bad fields are named in Chinese: a day after today, no summary", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/ledger/new");
  await page.getByLabel("日期").fill("2099-01-01");
  await page.getByLabel("日期").evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
  await page.getByLabel("活动内容").evaluate((input: HTMLTextAreaElement) => input.removeAttribute("required"));
  await page.getByRole("combobox", { name: "站点" }).click();
  await page.getByRole("option", { name: STATION, exact: true }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("日期不能晚于今天")).toBeVisible();
  await expect(page.getByText("此项为必填项")).toBeVisible();
});

test("a township operator sees its township's ledger only: another township's entry is a 404", async ({
  page,
  browser,
}) => {
  await signIn(page, "xxt-admin");
  await page.goto(`/county/ledger?q=${encodeURIComponent("路灯")}`);
  const elsewhere = await page.getByTestId("ledger").getByRole("link").first().getAttribute("href");
  expect(elsewhere).toMatch(/^\/county\/ledger\/[0-9a-f-]{36}$/);

  const jinling = await (await browser.newContext()).newPage();
  await signIn(jinling, "xxt-jinling");
  for (const url of [elsewhere!, `${elsewhere}.data`, `${elsewhere}/edit`, `${elsewhere}/edit.data`]) {
    const response = await jinling.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).not.toContain("路灯");
  }
  const deleted = await jinling.request.post(elsewhere!, { headers: { origin: new URL(page.url()).origin } });
  expect(deleted.status()).toBe(404);
  await jinling.goto("/county/ledger");
  await expect(jinling.getByTestId("ledger")).not.toContainText("衡阳街道");
  await jinling.goto(elsewhere!);
  await expect(jinling.getByRole("heading", { name: "找不到页面" })).toBeVisible();
  await jinling.context().close();

  // The entry is still there for the admin.
  expect((await page.request.get(elsewhere!)).status()).toBe(200);
});
