import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

/**
 * The HTTP API as another system (a 12345 hotline) uses it: the county admin issues a
 * key on /county/api-keys, the system posts opinions with it from anywhere (no Origin,
 * or a foreign one), and the key is refused once revoked. Session cookies are no key.
 */
test("a county admin's key submits opinions, idempotently, and every refusal is JSON", async ({ page, request }) => {
  await signIn(page, "xxt-admin");
  await page.goto("/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  const stationCode = (await page.getByTestId("public-code").textContent())!.trim();
  expect(stationCode).toMatch(/^\d{6}-[0-9A-Z]{6}$/);

  await openMenuEntry(page, "接口密钥");
  await expect(page).toHaveURL(/\/county\/api-keys$/);
  await page.getByLabel("名称").fill("12345 热线");
  await page.getByRole("button", { name: "新建密钥" }).click();
  await expect(page.getByTestId("new-api-key")).toContainText("只显示这一次");
  const key = (await page.getByTestId("api-key").textContent())!.trim();
  expect(key).toMatch(/^rdk_\d{6}_[0-9a-f-]{36}_[a-z2-7]{52}$/);
  await expect(page.getByRole("button", { name: "复制密钥" })).toBeVisible();
  await expect(page.getByTestId("api-keys")).toContainText("12345 热线");
  await expect(page.getByTestId("api-keys")).not.toContainText(key.slice(-20));
  await expect(page.getByRole("link", { name: "接口说明（OpenAPI）" })).toHaveAttribute("href", "/api/openapi.json");

  const auth = { Authorization: `Bearer ${key}` };
  const opinion = {
    stationCode,
    content: "小区门口的路灯坏了三个月，晚上出行很不方便。",
    category: "urbanConstruction",
    submitterPhone: "13812345678",
    consent: true,
    externalId: "12345-2026-000123",
  };
  const idempotencyKey = randomUUID();
  // No Origin at all, as a server-side client sends it.
  const created = await request.post("/api/v1/opinions", {
    headers: { ...auth, "Idempotency-Key": idempotencyKey },
    data: opinion,
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toContain("application/json");
  const body = await created.json();
  expect(body).toMatchObject({ state: "registered" });
  expect(body.trackingCode).toMatch(new RegExp(`^${stationCode.slice(0, 6)}-[2-9A-HJKMNP-Z]{8}$`));
  expect(created.headers().location).toBe(`/api/v1/opinions/${body.trackingCode}`);

  // The same Idempotency-Key, even from a foreign origin: the same case, 200.
  const again = await request.post("/api/v1/opinions", {
    headers: { ...auth, "Idempotency-Key": idempotencyKey, Origin: "https://hotline.example" },
    data: opinion,
  });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual(body);

  const tracked = await request.get(`/api/v1/opinions/${body.trackingCode}`, { headers: auth });
  expect(tracked.status()).toBe(200);
  const status = await tracked.json();
  expect(status).toMatchObject({ trackingCode: body.trackingCode, state: "registered", closed: false });
  expect(JSON.stringify(status)).not.toContain("13812345678");
  expect((await request.get("/api/v1/opinions/450107-22222222", { headers: auth })).status()).toBe(404);

  const refusal = async (response: Awaited<ReturnType<typeof request.post>>, status: number, code: string) => {
    expect(response.status(), code).toBe(status);
    expect(response.headers()["content-type"]).toContain("application/json");
    const { error } = (await response.json()) as {
      error: { code: string; message: string; fields: Record<string, unknown> };
    };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    return error;
  };
  // The same key with another body: refused, and the first case stands.
  await refusal(
    await request.post("/api/v1/opinions", {
      headers: { ...auth, "Idempotency-Key": idempotencyKey },
      data: { ...opinion, content: "同一编号下换了内容的另一条意见" },
    }),
    422,
    "idempotency_key_reused",
  );
  await refusal(await request.post("/api/v1/opinions", { data: opinion }), 401, "unauthorized");
  await refusal(
    await request.post("/api/v1/opinions", { headers: { Authorization: `Bearer ${key}x` }, data: opinion }),
    401,
    "unauthorized",
  );
  // The signed-in admin's session cookie is no key.
  await refusal(await page.request.post("/api/v1/opinions", { data: opinion }), 401, "unauthorized");
  await refusal(await request.get(`/api/v1/opinions/${body.trackingCode}`), 401, "unauthorized");
  await refusal(
    await request.post("/api/v1/opinions", {
      headers: { ...auth, "Content-Type": "text/plain" },
      data: JSON.stringify(opinion),
    }),
    415,
    "unsupported_media_type",
  );
  await refusal(
    await request.post("/api/v1/opinions", {
      headers: { ...auth, "Content-Type": "application/json" },
      data: Buffer.from('{"stationCode": '),
    }),
    400,
    "malformed_json",
  );
  await refusal(
    await request.post("/api/v1/opinions", { headers: auth, data: { ...opinion, content: "长".repeat(30_000) } }),
    413,
    "payload_too_large",
  );
  const invalid = await refusal(
    await request.post("/api/v1/opinions", { headers: auth, data: { stationCode, content: "短", category: "x" } }),
    400,
    "validation_failed",
  );
  expect(invalid.fields.content).toEqual({ code: "validation.tooShort", message: "内容太短" });
  expect(Object.keys(invalid.fields).sort()).toEqual(["category", "content"]);

  // Revoked: refused from then on.
  await page.getByRole("button", { name: "我已保存" }).click();
  await page.getByRole("button", { name: "停用", exact: true }).click();
  await page.getByRole("button", { name: "确认停用" }).click();
  await expect(page.getByTestId("api-key-row").first()).toHaveAttribute("data-revoked", "true");
  await refusal(await request.post("/api/v1/opinions", { headers: auth, data: opinion }), 401, "unauthorized");
});

test("the OpenAPI document is public JSON describing the API", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(["/api/v1/opinions", "/api/v1/opinions/{trackingCode}"]);
  expect(doc.components.schemas.OpinionRequest.required).toEqual(["stationCode", "content", "category"]);
});
