#!/usr/bin/env node
// `pnpm test`: lint, typecheck, unit and integration tests (PGlite, and PostgreSQL when
// one answers) and the Playwright end-to-end tests in Debian's Chromium. Independent
// stages run in parallel; the last line adds up every test that ran.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// The browser the end-to-end tests drive (apps/web/playwright.config.ts picks the same one):
// CHROMIUM_PATH, else Debian's Chromium headless shell, else Debian's Chromium.
const browsers = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

function ensureChromium() {
  if (browsers.some((browser) => existsSync(browser))) return;
  const canInstall =
    !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && spawnSync("which", ["apt-get"]).status === 0;
  if (canInstall) {
    console.log("[test] No Chromium: installing Debian's headless shell (apt-get install chromium-headless-shell)…");
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium-headless-shell"], { stdio: "inherit" });
    if (update.status === 0 && install.status === 0 && existsSync(browsers[0])) return;
  }
  console.error(
    `[test] No Chromium at ${browsers.join(" or ")}. Install it (Debian/Ubuntu: apt-get install chromium-headless-shell) or set CHROMIUM_PATH.\n` +
      "       Playwright never downloads a browser in this project.",
  );
  process.exit(1);
}

/** Runs a command with its output prefixed, resolving to its exit code. */
function run(label, command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "0" }, ...options });
    const prefix = (stream, out) => {
      let pending = "";
      stream.on("data", (chunk) => {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop();
        for (const line of lines) out.write(`[${label}] ${line}\n`);
      });
      stream.on("end", () => pending && out.write(`[${label}] ${pending}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const sequence = async (...steps) => {
  for (const step of steps) {
    const code = await step();
    if (code !== 0) return code;
  }
  return 0;
};

/** A port nothing listens on, so a server left running elsewhere cannot take the e2e run's port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "localhost", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

ensureChromium();
const e2ePort = process.env.E2E_PORT ?? String(await freePort());
// Every workspace package's vitest JSON report (each vitest.config writes one).
const reports = ["apps", "packages", "infra"].flatMap((group) =>
  readdirSync(path.join(root, group)).map((dir) => path.join(root, group, dir, "test-results/vitest.json")),
);
const e2eReport = path.join(root, "apps/web/test-results/playwright.json");
for (const file of [...reports, e2eReport]) rmSync(file, { force: true });

const started = Date.now();
const stageNames = ["lint + types", "vitest", "build + e2e"];
const codes = await Promise.all([
  sequence(
    () => run("lint", "pnpm", ["exec", "biome", "check", "."]),
    () => run("types", "pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]),
  ),
  run("vitest", "pnpm", ["exec", "turbo", "run", "test", "--concurrency=1", "--output-logs=full"]),
  sequence(
    () => run("build", "pnpm", ["--filter", "@rdlink/web", "build"]),
    () =>
      run("e2e", "pnpm", ["--filter", "@rdlink/web", "exec", "playwright", "test", "--reporter=list,json"], {
        env: { ...process.env, FORCE_COLOR: "0", E2E_PORT: e2ePort, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
      }),
  ),
]);

let passed = 0;
let failed = 0;
for (const file of reports) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (existsSync(e2eReport)) {
  const { stats } = JSON.parse(readFileSync(e2eReport, "utf8"));
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky;
}
const failedStages = stageNames.filter((_, index) => codes[index] !== 0);
const ok = failedStages.length === 0;
console.log(
  `\n[test] ${ok ? "all stages passed" : `failed: ${failedStages.join(", ")}`} in ${Math.round((Date.now() - started) / 1000)} s`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
