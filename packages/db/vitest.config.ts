import { sharedTestConfig } from "./src/testing/vitest-config.ts";

export default sharedTestConfig;
