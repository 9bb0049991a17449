import { defineConfig } from "vitest/config";

/**
 * `pnpm test:faults`: the fault tests, which start the built app and a PostgreSQL cluster of
 * their own and break it. Apart from `pnpm test` (its own report, one file at a time).
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/faults.json" },
  },
});
