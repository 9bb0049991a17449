import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Property tests run thousands of cases; a busy CI machine must not time them out.
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
