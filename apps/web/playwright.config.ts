import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { intKnob, readKnobs, textKnob } from "@rdlink/env/knobs";

/**
 * Debian's Chromium; Playwright never downloads a browser here. Its headless shell (apt-get install
 * chromium-headless-shell), when installed, is what Playwright itself runs headless tests in: the
 * same Blink without the full browser's compositor, and about a third less of Chromium's CPU (decision 0048).
 */
const headlessShell = "/usr/bin/chromium-headless-shell";
const {
  port: PORT,
  chromium,
  ci,
} = readKnobs({
  /** E2E_PORT lets two checkouts run their end-to-end tests side by side. */
  port: intKnob("E2E_PORT", 4310),
  chromium: textKnob("CHROMIUM_PATH", existsSync(headlessShell) ? headlessShell : "/usr/bin/chromium"),
  ci: textKnob("CI", ""),
});

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
  // Its own folder: Playwright empties it at start, and vitest's report lives beside it.
  outputDir: "test-results/e2e",
  // One server on one embedded database: the specs run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!ci,
  retries: 0,
  // Hang guards, not speed checks: CI shares two cores with other work and has run
  // the same journeys several times slower than an idle machine (speed is in bench:*).
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: ci ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // A trace snapshots the page at every action of every test, kept or not: a quarter of the
    // suite's time on two cores. CI prints its failures and keeps no files, so it records none.
    trace: ci ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  webServer: {
    // The built app on a fresh embedded database (`pnpm test` builds first).
    command: "rm -rf .data/e2e && NODE_ENV=production DATA_DIR=.data/e2e tsx server.ts",
    env: { PORT: String(PORT), HOST: "localhost" },
    url: `http://localhost:${PORT}/sign-in`,
    reuseExistingServer: false,
    // Migrating and seeding the demo county on PGlite took up to 125 s on a loaded machine.
    timeout: 240_000,
    stdout: "pipe",
  },
});
