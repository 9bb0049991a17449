import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test runs the linters on a scratch project: 7 s on two cores shared with the other
    // packages' tests and a browser once. A hang guard, not a speed check.
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
