import { config } from "zod";

// Zod compiles object parsers with `new Function` unless told not to, and probes for it as
// each object schema is built: under our CSP (no 'unsafe-eval') that probe is a reported
// violation. Set before any schema module runs: root.tsx imports this first, and the root
// route's modules are evaluated before every other route's.
config({ jitless: true });
