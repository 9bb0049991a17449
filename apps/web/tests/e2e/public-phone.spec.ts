import { readFile } from "node:fs/promises";
import { type Browser, type BrowserContext, type CDPSession, expect, type Page, test } from "@playwright/test";
import { flagKnob, readKnobs } from "@rdlink/env/knobs";
import { signIn } from "./support";

/**
 * A citizen on a cheap phone on a slow network (issue 15): Chrome DevTools' "Fast 3G" preset
 * and a CPU four times slower, on a 360×640 screen. The figures are printed for the record;
 * the bytes before the form is usable are asserted with the margin the issue gives. The time
 * until it is usable is asserted by `pnpm bench:public-phone` (this journey alone, on a machine
 * at rest): the CPU slowdown multiplies the machine's own speed, and beside the unit tests a
 * loaded machine took 5.15–5.8 s where it takes 3.4–4.9 s alone.
 */
const FAST_3G = {
  offline: false,
  // DevTools' preset: 150 ms × 3.75, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up (bytes per second here).
  latency: 562.5,
  downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
  uploadThroughput: (750 * 1000 * 0.9) / 8,
  connectionType: "cellular3g",
} as const;
const CPU_SLOWDOWN = 4;
/** The budget: the form usable within 5 s, asserted when run as the benchmark. */
const USABLE_WITHIN_MS = 5_000;
const { timeBudget } = readKnobs({ timeBudget: flagKnob("BENCH_PUBLIC_PHONE") });
/** The budget: at most 150 KB transferred before the form is usable (~137 KB today, docs/decisions/0020). */
const USABLE_AFTER_BYTES = 150 * 1024;

type Phone = { page: Page; cdp: CDPSession; bytes: () => number; requests: () => { url: string; bytes: number }[] };

/**
 * Closed after each test: left open, each CPU-throttled page kept its renderer about half a core
 * busy until the whole run ended (two of them, 15 minutes, in a CI rehearsal).
 */
const phones: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(phones.splice(0).map((context) => context.close()));
});

/** A phone-sized page whose every response's bytes on the wire (headers included) are counted. */
async function phone(browser: Browser): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  phones.push(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  const done: { url: string; bytes: number }[] = [];
  cdp.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
  cdp.on("Network.loadingFinished", (event) =>
    done.push({ url: urls.get(event.requestId) ?? "?", bytes: event.encodedDataLength }),
  );
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return {
    page,
    cdp,
    bytes: () => done.reduce((sum, request) => sum + request.bytes, 0),
    requests: () => [...done],
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test.describe.configure({ timeout: 300_000 });

let publicCode: string;
/** A 4000×3000 JPEG of about 4.5 MB, as a phone camera makes (gradients under sensor noise). */
let photo: Buffer;
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "xxt-liaison");
  await page.goto("/county/stations");
  await page.getByTestId("stations").getByRole("link").first().click();
  publicCode = (await page.getByTestId("public-code").textContent())!.trim();
  photo = Buffer.from(
    await page.evaluate(async () => {
      const [width, height] = [4000, 3000];
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext("2d")!;
      const image = g.createImageData(width, height);
      let seed = 42;
      const noise = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return (seed / 0x7fffffff) * 40;
      };
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const n = noise();
          image.data[i] = (x / width) * 200 + n;
          image.data[i + 1] = (y / height) * 180 + n;
          image.data[i + 2] = 120 + n;
          image.data[i + 3] = 255;
        }
      }
      g.putImageData(image, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/jpeg", 0.9));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }),
    "base64",
  );
  expect(photo.length).toBeGreaterThan(4 * 1024 * 1024);
  await context.close();
});

test("on Fast 3G and a 4× slower CPU: the form is usable after ≤ 150 KB (and within 5 s, as bench:public-phone); a 4 MB photo goes as ≤ 500 KB with its progress shown", async ({
  browser,
}) => {
  const { page, bytes, requests } = await phone(browser);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  // The photo compressor runs under the page's policy (no worker, no eval): any refusal is kept.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const started = performance.now();
  await page.goto(`/s/${publicCode}`, { waitUntil: "commit" });
  // Usable: React has hydrated, so the fields answer and the form is sent by the page's script.
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  const usableMs = performance.now() - started;
  const usableBytes = bytes();
  const usableRequests = requests();

  await page.getByRole("combobox", { name: "问题类别" }).selectOption({ label: "城乡建设" });
  await page.getByRole("textbox", { name: /^意见建议/ }).fill("村口路灯坏了，晚上看不清路");
  await page.getByLabel("手机号码（选填）").fill("13877001234");
  const chosenAt = performance.now();
  await page.locator('input[type="file"][name="photos"]').setInputFiles({
    name: "IMG_20261204_0930.jpg",
    mimeType: "image/jpeg",
    buffer: photo,
  });
  await expect(page.getByText(/已选 1 张，压缩后共/)).toBeVisible({ timeout: 120_000 });
  const compressedMs = performance.now() - chosenAt;
  const submit = page.getByRole("button", { name: "提交意见" });
  await expect(submit).toBeEnabled({ timeout: 120_000 });
  const sendableMs = performance.now() - started;

  // Without the consent tick the page says so at once: nothing is uploaded.
  const sends: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") sends.push(request.url());
  });
  await submit.click();
  await expect(page.getByText("留下手机号码需要您的同意")).toBeVisible();
  expect(sends).toEqual([]);

  // With it, the form goes with the compressed photo, its progress on the page.
  await page.getByLabel(/我同意/).check();
  const upload = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/send"));
  const sentAt = performance.now();
  await submit.click();
  await expect(page.getByTestId("upload-progress").getByRole("progressbar")).toBeVisible();
  const request = await upload;
  const bodyBytes = Number((await request.allHeaders())["content-length"]);
  const code = (await page.getByTestId("tracking-code").textContent({ timeout: 120_000 }))!.trim();
  const uploadMs = performance.now() - sentAt;
  expect(code).toMatch(/^450107-[2-9A-HJKMNP-Z]{8}$/);
  expect(sends).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

  console.log(
    [
      `[public-phone] /s/<code> on Fast 3G, CPU ×${CPU_SLOWDOWN}, 360×640:`,
      `  usable (hydrated) after ${(usableMs / 1000).toFixed(2)} s, ${kb(usableBytes)} in ${usableRequests.length} requests`,
      `  sendable (proof of work solved, shortest fill time passed) after ${(sendableMs / 1000).toFixed(2)} s`,
      `  photo ${kb(photo.length)} compressed in ${(compressedMs / 1000).toFixed(2)} s; form sent as ${kb(bodyBytes)} in ${(uploadMs / 1000).toFixed(2)} s`,
      ...usableRequests.map((r) => `    ${kb(r.bytes).padStart(9)}  ${new URL(r.url).pathname}`),
    ].join("\n"),
  );
  expect(bodyBytes).toBeGreaterThan(20 * 1024);
  expect(bodyBytes).toBeLessThanOrEqual(500 * 1024);

  // The code: copied to the clipboard, and saved as a picture.
  await page.getByRole("button", { name: "复制查询码" }).click();
  await expect(page.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "保存为图片" }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`查询码-${code}.png`);
  const png = await readFile((await saved.path())!);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(1440); // width: the 720-pixel card at twice its size

  // The budgets, last: the page's figures are printed above whatever they are.
  expect(usableBytes).toBeLessThanOrEqual(USABLE_AFTER_BYTES);
  if (timeBudget) expect(usableMs).toBeLessThanOrEqual(USABLE_WITHIN_MS);
});

test("tracking takes a code however it is typed, and answers an unknown one on the page", async ({ browser }) => {
  const staff = await browser.newContext();
  const liaison = await staff.newPage();
  await signIn(liaison, "xxt-liaison");
  await liaison.goto("/work?view=all");
  const known = (await liaison.getByTestId("inbox").textContent())!.match(/450107-[2-9A-HJKMNP-Z]{8}/)![0];
  await staff.close();

  const { page } = await phone(browser);
  // Lower case, no hyphen, spaces around: the case's own page.
  await page.goto("/t");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await page.getByLabel("查询码").fill(`  ${known.replace("-", "").toLowerCase()} `);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${known}$`));
  await expect(page.getByTestId("track-stage")).toBeVisible();

  // Well formed but nobody's: said on the tracking page, with the code as typed, and no way to the staff sign-in.
  const unknown = "450107-ZZZZ2222";
  const answer = await page.request.get(`/t/${unknown}`);
  expect(answer.status()).toBe(404);
  await page.goto(`/t/${unknown.toLowerCase().replace("-", "")}`);
  await expect(page).toHaveURL(new RegExp(`/t/${unknown}$`));
  await expect(page.getByTestId("track-not-found")).toHaveText("没有找到这个查询码，请核对后再试");
  await expect(page.getByLabel("查询码")).toHaveValue(unknown);
  await expect(page.locator('a[href*="sign-in"]')).toHaveCount(0);
  // Not a code at all: the same answer, on the same page.
  await page.getByLabel("查询码").fill("12345");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("track-not-found")).toBeVisible();
  await expect(page).toHaveURL(/\/t\?code=12345$/);
});
