import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { openMenuEntry, signIn } from "./support";

type Received = { body: string; signature: string };

/** What a receiver does with the documented header (the OpenAPI file's webhooks.caseStep). */
function verify(secret: string, header: string, body: string) {
  const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=", 2)));
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return Math.abs(Date.now() / 1000 - Number(t)) < 300 && timingSafeEqual(Buffer.from(v1 ?? "", "hex"), expected);
}

/**
 * A county's OA system follows its cases: the county admin adds its address on the API page and
 * hands over the signing secret shown once; an opinion filed through the API is pushed to the
 * receiver (a real HTTP server here) by the app's worker, signed; the delivery log says so.
 */
test("a county admin adds a webhook; a new case's step reaches the receiver signed and is logged as delivered", async ({
  page,
  request,
}) => {
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["x-rdlink-signature"]) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/oa/rdlink`;
  try {
    await signIn(page, "xxt-admin");
    await page.goto("/county/stations");
    await page.getByTestId("stations").getByRole("link").first().click();
    const stationCode = (await page.getByTestId("public-code").textContent())!.trim();
    await openMenuEntry(page, "接口密钥");

    // A bad address is refused in Chinese and adds nothing.
    const webhooks = page.getByTestId("webhooks");
    await webhooks.getByLabel("接收方").fill("区政府 OA");
    await webhooks.getByLabel("推送地址").fill("ftp://oa.example/hook");
    await webhooks.getByRole("button", { name: "添加推送地址" }).click();
    await expect(webhooks.getByText("请填写以 https:// 或 http:// 开头的完整地址")).toBeVisible();
    await expect(page.getByTestId("webhook-list")).not.toContainText("区政府 OA");

    await webhooks.getByLabel("推送地址").fill(address);
    await webhooks.getByRole("button", { name: "添加推送地址" }).click();
    await expect(page.getByTestId("new-webhook")).toContainText("只显示这一次");
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId("webhook-list")).toContainText("区政府 OA");
    await expect(page.getByTestId("webhook-list")).toContainText("推送中");
    await expect(page.getByTestId("webhook-list")).not.toContainText(secret);

    // Another system files an opinion through the API.
    await page.getByLabel("名称").fill("12345 热线（推送测试）");
    await page.getByRole("button", { name: "新建密钥" }).click();
    const key = (await page.getByTestId("api-key").textContent())!.trim();
    const filed = await request.post("/api/v1/opinions", {
      headers: { Authorization: `Bearer ${key}` },
      data: { stationCode, content: "菜市场门口积水，雨天无法通行。", category: "urbanConstruction" },
    });
    expect(filed.status()).toBe(201);
    const { trackingCode } = await filed.json();

    // The worker pushes the case's first step, signed with the secret the page showed.
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const push = received.find((r) => r.body.includes(trackingCode))!;
    expect(verify(secret, push.signature, push.body)).toBe(true);
    expect(verify(`${secret}x`, push.signature, push.body)).toBe(false);
    const event = JSON.parse(push.body);
    expect(event).toMatchObject({
      type: "case.step",
      case: { trackingCode, closed: false },
      step: { seq: 1, from: null },
    });
    expect(push.body).not.toContain("13812345678");

    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("webhook-deliveries")).toContainText(trackingCode);
      await expect(page.getByTestId("webhook-deliveries")).toContainText("已送达");
    }).toPass({ timeout: 15_000 });
    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.getByTestId("webhooks").screenshot({ path: test.info().outputPath(`webhooks-${name}.png`) });
    }

    // Stopped, it is sent nothing more.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId("webhook-list").getByRole("button", { name: "停止推送" }).click();
    await expect(page.getByTestId("webhook-list")).toContainText("已停用");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
