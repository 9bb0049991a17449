/**
 * `pnpm bench:designer`: opens a generated 150-state, 300-transition workflow in the built
 * app in headless Chromium and measures the time until the canvas is interactive, then the
 * frame time while a node is dragged: the page's first drag (`first_drag_*`), then the same
 * node dragged back (`drag_*`). Builds the app first if there is no build. Prints one JSON
 * object as its last line.
 *
 * Frame time: the main-thread work of each pointer move, from a Chromium trace (see
 * mainThreadCostPerMove), in wall time and in the thread's CPU time. Knobs: E2E_PORT (4310),
 * CHROMIUM_PATH, BENCH_TRACE_FILE (keeps the second drag's trace), BENCH_TRACE_PROFILE (adds
 * V8's samples to it).
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { flagKnob, intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";
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
  /** Where to keep the drag's Chromium trace (for a look at what a move costs), if anywhere. */
  traceFile: textKnob("BENCH_TRACE_FILE", ""),
  /** With BENCH_TRACE_FILE: V8's samples in the trace too (JavaScript by function; slows the moves). */
  traceProfile: flagKnob("BENCH_TRACE_PROFILE"),
});
const PORT = knobs.port;
const BASE = `http://localhost:${PORT}`;
const dataDir = ".data/bench";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const TASK = "ThreadControllerImpl::RunTask";
/** Chromium's steps from a changed DOM to a frame: style, layout, paint, layerizing, and hit tests. */
const RENDERING = ["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "HitTest"];
type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event: its duration less the time the thread waited for a core. */
  tdur?: number;
  args?: { data?: { type?: string } };
};

/**
 * The frame time of a drag: what each pointer move costs the page's main thread, from the
 * task that dispatches it to the one that dispatches the next (input, React, style, layout,
 * paint, layerizing). Intervals between animation frames cannot show it: headless Chromium
 * here paces frames at ~17.8 ms even idle, whatever the frame-rate flags.
 */
function mainThreadCostPerMove(trace: { traceEvents: TraceEvent[] }) {
  const events = trace.traceEvents;
  const isMove = (e: TraceEvent) => e.name === "EventDispatch" && e.args?.data?.type === "pointermove";
  const move = events.find(isMove);
  if (!move) throw new Error("the trace has no pointer moves");
  const onMain = (e: TraceEvent) => e.pid === move.pid && e.tid === move.tid && e.ph === "X" && e.dur !== undefined;
  // Top-level tasks only: a nested run loop's tasks lie inside their parent's.
  const tasks: TraceEvent[] = [];
  for (const task of events.filter((e) => onMain(e) && e.name === TASK).sort((a, b) => a.ts - b.ts)) {
    const last = tasks.at(-1);
    if (!last || task.ts >= last.ts + last.dur!) tasks.push(task);
  }
  const taskOf = (e: TraceEvent) => tasks.findLast((t) => t.ts <= e.ts)!;
  const boundaries = events
    .filter((e) => onMain(e) && (isMove(e) || (e.name === "EventDispatch" && e.args?.data?.type === "pointerup")))
    .map((e) => taskOf(e).ts)
    .sort((a, b) => a - b);
  const within = (from: number, to: number, names: string[]) =>
    (names.includes(TASK) ? tasks : events)
      .filter((e) => onMain(e) && names.includes(e.name) && e.ts >= from && e.ts < to)
      .reduce((sum, e) => sum + e.dur! / 1000, 0);
  const cpuWithin = (from: number, to: number) =>
    tasks.filter((t) => t.ts >= from && t.ts < to).reduce((sum, t) => sum + (t.tdur ?? t.dur!) / 1000, 0);
  return boundaries.slice(0, -1).map((from, i) => ({
    total: within(from, boundaries[i + 1]!, [TASK]),
    cpu: cpuWithin(from, boundaries[i + 1]!),
    script: within(from, boundaries[i + 1]!, ["FunctionCall"]),
    rendering: within(from, boundaries[i + 1]!, RENDERING),
  }));
}

/** The app on a fresh embedded database of its own. */
async function startServer() {
  rmSync(path.join(app, dataDir), { recursive: true, force: true });
  // A fresh database is migrated and seeded first: a minute or more on a busy machine.
  return startBuiltApp(
    BASE,
    { DATA_DIR: dataDir, PORT: String(PORT), HOST: "localhost" },
    // The app's own errors are printed (it writes to stderr only when something goes wrong): a start
    // that fails ("the app stopped while starting") then says why.
    { portKnob: "E2E_PORT", startSeconds: 180, stderr: "inherit" },
  );
}

const definition = generatedWorkflow(STATES, TRANSITIONS);
if (!validateDefinition(definition).ok) throw new Error("the generated workflow is not valid");

ensureBuild();
const { stop } = await startServer();
const browser = await chromium.launch({
  executablePath: knobs.chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
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
  // The canvas draws the states in view only: the import is done when the workflow's first is drawn.
  await page.getByTestId("node-环节 1").waitFor();
  await page.getByRole("button", { name: "自动布局" }).click();
  await page.getByTestId("save-status").getByText("已保存").waitFor();
  const url = page.url();

  // Open: from navigation start until the states in view are drawn (the canvas draws only those),
  // the transitions on ELK's routes, and the editor answers.
  const opens: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto("about:blank");
    await page.goto(url, { waitUntil: "commit" });
    const openMs = await page.waitForFunction(
      () =>
        document.querySelectorAll(".react-flow__node").length > 0 &&
        document.querySelector(".react-flow[data-routed=true] .react-flow__edge") &&
        document.querySelector("[data-testid=save-status]")?.textContent === "已保存"
          ? performance.now()
          : false,
      undefined,
      { polling: "raf", timeout: 60_000 },
    );
    opens.push(Number(await openMs.jsonValue()));
  }

  // Drag the node nearest the canvas's centre along three quarters of a circle well inside
  // it (no auto-pan), with Chromium tracing what its main thread does for every pointer move.
  // Each drag starts once ELK's routes are drawn (the view was fitted to them when they came): two
  // frames after the canvas says so.
  const routesDrawn = async () => {
    await page.locator(".react-flow[data-routed=true]").waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  };
  await routesDrawn();
  const { start, radius } = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
    const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect());
    const distance = (r: DOMRect) => Math.hypot(r.x + r.width / 2 - centre.x, r.y + r.height / 2 - centre.y);
    const nearest = nodes.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    return {
      start: { x: nearest.x + nearest.width / 2, y: nearest.y + nearest.height / 2 },
      // The circle (x ± r, y … y + 2r) keeps 60 px from the pane's borders: React Flow pans the
      // view when the pointer comes within 40 px of one, and that would be measured as the drag.
      radius: Math.min(
        Math.min(pane.width, pane.height) / 5,
        nearest.x + nearest.width / 2 - pane.left - 60,
        pane.right - 60 - (nearest.x + nearest.width / 2),
        (pane.bottom - 60 - (nearest.y + nearest.height / 2)) / 2,
      ),
    };
  });
  const profiler = knobs.traceProfile ? ["disabled-by-default-v8.cpu_profiler"] : [];
  const angles = Array.from({ length: MOVES + 1 }, (_, i) => (i / MOVES) * 1.5 * Math.PI);
  /** One drag along the circle's points at these angles, traced: what each move cost. */
  const tracedDrag = async (along: number[]) => {
    const at = (angle: number) => ({
      x: start.x + radius * Math.sin(angle),
      y: start.y + radius * (1 - Math.cos(angle)),
    });
    await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", ...profiler] });
    await page.mouse.move(at(along[0]!).x, at(along[0]!).y);
    await page.mouse.down();
    for (const angle of along.slice(1)) {
      await page.mouse.move(at(angle).x, at(angle).y);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
    const trace = await browser.stopTracing();
    await page.getByTestId("save-status").getByText("已保存").waitFor(); // the drag was one saved edit
    await routesDrawn();
    return trace;
  };
  // The page's first drag, then the same state dragged back along the same points: the first runs
  // React Flow's drag code for the first time (V8 compiles it meanwhile, on the other core too), the
  // second is what every later drag costs. Both are printed; the frame time is the second's.
  const firstMoves = mainThreadCostPerMove(JSON.parse((await tracedDrag(angles)).toString("utf8")));
  // The drop selected the state and filled the side panel with its form: a click on the empty
  // canvas clears both, so that the second drag starts as the first did.
  const empty = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    for (let y = pane.top + 20; y < pane.bottom; y += 20)
      for (let x = pane.left + 20; x < pane.right; x += 20)
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
    throw new Error("no empty point on the canvas");
  });
  await page.mouse.click(empty.x, empty.y);
  await page.locator(".react-flow__node.selected").waitFor({ state: "detached" });
  await routesDrawn();
  const trace = await tracedDrag([...angles].reverse());
  if (knobs.traceFile) writeFileSync(knobs.traceFile, trace);
  const moveCosts = mainThreadCostPerMove(JSON.parse(trace.toString("utf8")));
  const frameTimes = moveCosts.map((m) => m.total);
  const cpuTimes = moveCosts.map((m) => m.cpu);
  const firstFrameTimes = firstMoves.map((m) => m.total);
  const firstCpuTimes = firstMoves.map((m) => m.cpu);

  const result = {
    states: STATES,
    transitions: TRANSITIONS,
    open_ms: Math.round(Math.min(...opens)),
    open_ms_runs: opens.map(Math.round),
    drag_moves: moveCosts.length,
    drag_frame_ms_p50: round(percentile(frameTimes, 50)),
    drag_frame_ms_p95: round(percentile(frameTimes, 95)),
    // Of that, on average: JavaScript (React, React Flow), and Chromium's rendering of the frame.
    drag_script_ms_mean: round(mean(moveCosts.map((m) => m.script))),
    drag_rendering_ms_mean: round(mean(moveCosts.map((m) => m.rendering))),
    // The same frames in the main thread's CPU time: without the time it waited for a core, which on
    // two cores shared with the compositor, the rasterizer and the GPU process is most of the p95.
    drag_frame_cpu_ms_p50: round(percentile(cpuTimes, 50)),
    drag_frame_cpu_ms_p95: round(percentile(cpuTimes, 95)),
    first_drag_frame_ms_p50: round(percentile(firstFrameTimes, 50)),
    first_drag_frame_ms_p95: round(percentile(firstFrameTimes, 95)),
    first_drag_frame_cpu_ms_p95: round(percentile(firstCpuTimes, 95)),
  };
  console.log(JSON.stringify(result));
} catch (error) {
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: "/tmp/bench-fail.png" });
  throw error;
} finally {
  await browser.close();
  stop();
}
