import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * What every package's vitest run shares: the real-PostgreSQL setup (roles made once
 * per run) and a JSON report that scripts/test.mjs adds up.
 */
export const sharedTestConfig = defineConfig({
  test: {
    globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
