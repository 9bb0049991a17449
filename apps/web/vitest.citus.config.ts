import { defineConfig } from "vitest/config";

/**
 * `pnpm test:citus` (infra/citus/test.sh): the built app on a database of the local Citus cluster,
 * used over HTTP. TEST_DATABASE_URL names the coordinator.
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/citus/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/citus.json" },
  },
});
