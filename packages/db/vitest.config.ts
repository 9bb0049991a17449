import { sharedTestConfig } from "./src/testing/vitest-config";

export default sharedTestConfig;
