import { defineConfig, mergeConfig } from "vitest/config";
// A relative import: vitest loads config files with Node, which cannot import a TypeScript package.
import { sharedTestConfig } from "../../packages/db/src/testing/vitest-config.ts";

// The shared config brings the real PostgreSQL (for the designer's end-to-end test of a county-drawn workflow).
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    resolve: { tsconfigPaths: true },
    test: { include: ["app/**/*.test.ts"] },
  }),
);
