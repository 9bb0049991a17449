import { defineConfig } from "vitest/config";
// A relative import: vitest loads config files with Node, which cannot import a TypeScript package.
import { sharedTestConfig } from "../db/src/testing/vitest-config.ts";

/**
 * `pnpm test:citus`: the case runtime and the worker on a Citus coordinator (TEST_DATABASE_URL).
 * docs/decisions/0030-citus-distribution.md
 */
export default defineConfig({
  test: {
    ...sharedTestConfig.test,
    include: [
      "src/cases/*.integration.test.ts",
      // Who holds a desk is asked inside the step's statement: its subqueries route to the county's shard too.
      "src/notifications/desk-held.integration.test.ts",
      "src/worker/*.integration.test.ts",
      "src/audit/*.integration.test.ts",
      "src/tenants/county-lifecycle.integration.test.ts",
      "src/webhooks/webhooks.integration.test.ts",
      "src/templates/*.integration.test.ts",
    ],
    exclude: [],
    outputFile: { json: "test-results/vitest-citus.json" },
  },
});
