import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "./src/testing/vitest-config.ts";

/**
 * `pnpm test:citus`: the schema's tests on a Citus coordinator (TEST_DATABASE_URL), each test
 * database made on every node. docs/decisions/0030-citus-distribution.md
 */
export default defineConfig({
  test: {
    ...sharedTestConfig.test,
    include: ["src/*.citus.test.ts", "src/catalog.integration.test.ts", "src/isolation*.integration.test.ts"],
    exclude: [],
    outputFile: { json: "test-results/vitest-citus.json" },
  },
});
