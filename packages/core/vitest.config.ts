// A relative import: vitest loads config files with Node, which cannot import a TypeScript package.
import { sharedTestConfig } from "../db/src/testing/vitest-config.ts";

export default sharedTestConfig;
