import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * What every package's vitest run shares: the real-PostgreSQL setup (roles made once
 * per run) and a JSON report that scripts/test.mjs adds up.
 */
export const sharedTestConfig = defineConfig({
  test: {
    globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
    // The scale-out tests need a Citus cluster: `pnpm test:citus` runs them (vitest.citus.config.ts).
    exclude: [...configDefaults.exclude, "**/*.citus.test.ts"],
    testTimeout: 30_000,
    // A beforeAll that makes a database and onboards a county took over 60 s on PGlite
    // while CI's other packages ran beside it on two cores.
    hookTimeout: 180_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
