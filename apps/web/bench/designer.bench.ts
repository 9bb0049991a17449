/**
 * `pnpm bench:designer`: opens a generated 150-state, 300-transition workflow in the built
 * app in headless Chromium and measures the time until the canvas is interactive, then the
 * frame time while a node is dragged. Builds the app first if there is no build. Prints one
 * JSON object as its last line.
 *
 * Frame time: Chromium runs without its 60 Hz frame limit, so a frame takes as long as its
 * work; every frame that handled a pointer move of the drag is recorded (p95 over them).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
import { validateDefinition } from "@rdlink/workflow";
import { app, ensureBuild, startBuiltApp } from "./built-app";
import { generatedWorkflow } from "./generated-workflow";

const STATES = 150;
const TRANSITIONS = 300;
const MOVES = 90;
const knobs = readKnobs({
  /** The checkout's own port (as for Playwright): another checkout may run its app on the default. */
  port: intKnob("E2E_PORT", 4310),
  chromium: textKnob("CHROMIUM_PATH", "/usr/bin/chromium"),
});
const PORT = knobs.port;
const BASE = `http://localhost:${PORT}`;
const dataDir = ".data/bench";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** The app on a fresh embedded database of its own. */
async function startServer() {
  rmSync(path.join(app, dataDir), { recursive: true, force: true });
  return startBuiltApp(BASE, { DATA_DIR: dataDir, PORT: String(PORT), HOST: "localhost" }, { portKnob: "E2E_PORT" });
}

const definition = generatedWorkflow(STATES, TRANSITIONS);
if (!validateDefinition(definition).ok) throw new Error("the generated workflow is not valid");

ensureBuild();
const { stop } = await startServer();
const browser = await chromium.launch({
  executablePath: knobs.chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-frame-rate-limit", "--disable-gpu-vsync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a helper that functions sent to the page must find there.
  await page.addInitScript("window.__name = (fn) => fn");
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("用户名").fill("xxt-admin");
  await page.getByLabel("密码").fill("rdlink-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/county/);

  // A new workflow, the generated definition imported, laid out once and saved.
  await page.goto(`${BASE}/county/workflows/new`);
  await page.getByLabel("空白流程").check();
  await page.getByLabel("流程名称").fill("性能测试流程");
  await page.getByRole("button", { name: "创建" }).click();
  await page.getByTestId("save-status").getByText("已保存").waitFor();
  await page.locator('input[type="file"]').setInputFiles({
    name: "bench.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(definition)),
  });
  await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length === n, STATES);
  await page.getByRole("button", { name: "自动布局" }).click();
  await page.getByTestId("save-status").getByText("已保存").waitFor();
  const url = page.url();

  // Open: from navigation start until every node and edge is drawn and the editor answers.
  const opens: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto("about:blank");
    await page.goto(url, { waitUntil: "commit" });
    const openMs = await page.waitForFunction(
      ({ states, transitions }) =>
        document.querySelectorAll(".react-flow__node").length === states &&
        document.querySelectorAll(".react-flow__edge").length === transitions &&
        document.querySelector("[data-testid=save-status]")?.textContent === "已保存"
          ? performance.now()
          : false,
      { states: STATES, transitions: TRANSITIONS },
      { polling: "raf", timeout: 60_000 },
    );
    opens.push(Number(await openMs.jsonValue()));
  }

  // Drag a node for about a second, recording the frames that handled a move.
  const target = page.locator(".react-flow__node").nth(Math.floor(STATES / 2));
  const box = (await target.boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.frames_ = [];
    w.recording = true;
    let moved = false;
    let last = performance.now();
    window.addEventListener(
      "pointermove",
      () => {
        moved = true;
      },
      { capture: true },
    );
    const tick = (now: number) => {
      if (moved) w.frames_.push(now - last);
      moved = false;
      last = now;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Main-thread time by kind (Chromium's own counters), to tell script from layout and paint.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const counters = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      task: value("TaskDuration"),
      script: value("ScriptDuration"),
      layout: value("LayoutDuration") + value("RecalcStyleDuration"),
    };
  };
  const before = await counters();
  const start = { x: box.x + box.width / 2, y: box.y + 10 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) {
    await page.mouse.move(start.x + i * 3, start.y + Math.sin(i / 10) * 40);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const after = await counters();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.recording = false;
    return w.frames_;
  });
  await page.getByTestId("save-status").getByText("已保存").waitFor(); // the drag was one saved edit

  const result = {
    states: STATES,
    transitions: TRANSITIONS,
    open_ms: Math.round(Math.min(...opens)),
    open_ms_runs: opens.map(Math.round),
    drag_frames: frames.length,
    drag_frame_ms_p50: round(percentile(frames, 50)),
    drag_frame_ms_p95: round(percentile(frames, 95)),
    // Per pointer move: all main-thread work, of it JavaScript (React, React Flow), and style + layout.
    drag_main_ms_per_move: round((after.task - before.task) / MOVES),
    drag_script_ms_per_move: round((after.script - before.script) / MOVES),
    drag_layout_ms_per_move: round((after.layout - before.layout) / MOVES),
  };
  console.log(JSON.stringify(result));
} catch (error) {
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: "/tmp/bench-fail.png" });
  throw error;
} finally {
  await browser.close();
  stop();
}
