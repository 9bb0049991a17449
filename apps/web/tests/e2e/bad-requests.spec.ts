import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

test("oversized, malformed and cross-site requests get 4xx, never a 500 or a stack trace", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "xxt-admin");
  const origin = { origin: baseURL! };

  const huge = await page.request.post("/county/townships", {
    headers: { ...origin, "content-type": "application/x-www-form-urlencoded" },
    data: `intent=add&name=${"镇".repeat(700_000)}`,
  });
  expect(huge.status()).toBe(413);

  const malformed = await page.request.post("/county/townships", {
    headers: { ...origin, "content-type": "multipart/form-data; boundary=nope" },
    data: "this is not multipart",
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).not.toMatch(/at .*\.(ts|js):\d+/);

  const crossSite = await page.request.post("/county/townships", {
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    form: { intent: "add", name: "入侵镇", kind: "town" },
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(crossSite.status()).toBeLessThan(500);

  const noOrigin = await page.request.post("/county/townships", {
    form: { intent: "add", name: "入侵镇", kind: "town" },
  });
  expect(noOrigin.status()).toBe(403);

  const badId = await page.request.get("/county/townships/not-a-uuid");
  expect(badId.status()).toBe(404);

  // Nothing of the above was written.
  await page.goto("/county/townships?q=入侵");
  await expect(page.getByText("共 0 条")).toBeVisible();
});

test("a form with bad fields shows the errors in Chinese and writes nothing", async ({ page }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/townships");
  await page.getByRole("button", { name: "新增乡镇（街道）" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("名称").fill("金陵镇");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("已有同名的乡镇（街道）")).toBeVisible();
  await dialog.getByLabel("名称").fill("   ");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("此项为必填项")).toBeVisible();
  await dialog.getByLabel("名称").fill("五一路街道");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("townships")).toContainText("五一路街道");
  await expect(page.getByText("共 16 条")).toBeVisible();

  // The audit log has the addition, with who and from where.
  await openMenuEntry(page, "审计日志");
  await expect(page.getByTestId("audit-log")).toContainText("新增乡镇");
  await expect(page.getByTestId("audit-log")).toContainText("五一路街道");
  await expect(page.getByTestId("audit-log")).toContainText("西乡塘区人大常委会管理员");
});

test("NUL, lone surrogates, deep JSON and unknown methods get a 4xx in Chinese, never a 500", async ({
  page,
  baseURL,
  request,
}) => {
  // Unknown methods: 405 naming the ones answered.
  for (const path of ["/county/deputies", "/s/any-station", "/api/v1/opinions"]) {
    for (const method of ["PUT", "PATCH", "DELETE", "TRACE"]) {
      const answer = await request.fetch(path, { method });
      expect(answer.status(), `${method} ${path}`).toBe(405);
      expect(answer.headers().allow).toBe("GET, HEAD, POST, OPTIONS");
      expect(await answer.text()).toContain("不支持的请求方法");
    }
  }
  // In a query string, signed in or not.
  await signIn(page, "xxt-admin");
  for (const path of [
    "/county/deputies?q=%00",
    "/work?q=%ED%A0%80",
    "/work?q=%00",
    "/county/stations?q=a%00b",
    "/county/ledger?q=%00",
    "/t/%00",
  ]) {
    const answer = await page.request.get(path);
    expect(answer.status(), path).toBe(400);
    expect(await answer.text()).toContain("请求地址含有无效字符");
  }
  // In a form, before signing in.
  const signInForm = await request.post("/sign-in", {
    headers: { origin: baseURL!, "content-type": "application/x-www-form-urlencoded" },
    data: "username=a%00b&password=x",
  });
  expect(signInForm.status()).toBe(400);
  // The station a citizen would write to: everything below is valid but for the bad character.
  await page.goto("/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  const publicCode = (await page.getByTestId("public-code").textContent())!;
  // In the API's JSON, with a real key: 400 invalid_input, in Chinese.
  await page.goto("/county/api-keys");
  await page.getByLabel("名称").fill("坏输入测试");
  await page.getByRole("button", { name: "新建密钥" }).click();
  const key = (await page.getByTestId("api-key").textContent())!.trim();
  const api = (body: string) =>
    request.post("/api/v1/opinions", {
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      data: body,
    });
  const opinionWith = (content: string) =>
    `{"stationCode":"${publicCode}","category":"transport","consent":true,"content":"${content}"}`;
  for (const body of [
    opinionWith("坏输入标记\\u0000路灯坏了"),
    opinionWith("坏输入标记\\ud800路灯坏了"),
    `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
  ]) {
    const answer = await api(body);
    expect(answer.status(), body.slice(0, 20)).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: { code: "invalid_input", message: expect.stringContaining("无效字符") },
    });
  }
  // In the public form's content, sent without signing in.
  const publicForm = await request.post(`/s/${publicCode}`, {
    headers: { origin: baseURL! },
    multipart: { intakeKey: crypto.randomUUID(), category: "transport", content: "坏输入标记\u0000路灯坏了" },
  });
  expect(publicForm.status()).toBe(400);
  expect(await publicForm.text()).toContain("无效字符");
  // None of it was written.
  await page.goto(`/work?view=all&q=${encodeURIComponent("坏输入标记")}`);
  await expect(page.getByTestId("inbox")).toBeVisible();
  await expect(page.getByTestId("inbox").getByRole("link")).toHaveCount(0);
});

test("an intent no form sends is refused with a 400 in Chinese, whatever the page", async ({ page, baseURL }) => {
  await signIn(page, "xxt-admin");
  /** The first link on a list page that leads to one of its rows. */
  const firstRow = async (list: string, pattern: RegExp) => {
    await page.goto(list);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const href = hrefs.find((h) => pattern.test(h));
    expect(href, list).toBeTruthy();
    return href!;
  };
  const pages = [
    "/county/townships",
    "/county/standards",
    "/county/duty-posts",
    "/work",
    await firstRow("/county/townships", /^\/county\/townships\/[0-9a-f-]{36}$/),
    await firstRow("/county/stations", /^\/county\/stations\/[0-9a-f-]{36}$/),
    await firstRow("/county/station-types", /^\/county\/station-types\/[0-9a-f-]{36}$/),
    await firstRow("/county/handling-units", /^\/county\/handling-units\/[0-9a-f-]{36}$/),
  ];
  for (const path of pages) {
    const answer = await page.request.post(`${path}.data`, {
      headers: { origin: baseURL!, "content-type": "application/x-www-form-urlencoded" },
      data: "intent=dropEverything&id=00000000-0000-4000-8000-000000000000&name=x",
    });
    expect(answer.status(), path).toBe(400);
    expect(await answer.text(), path).toContain("errors.unknownIntent");
  }
});
