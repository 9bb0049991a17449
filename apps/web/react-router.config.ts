import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Middleware resolves the user and language once per request; the v8 flags keep the move to React Router 8 small.
  future: { v8_middleware: true },
  // Every page ships the whole route manifest (a few KB for our ~60 routes). With lazy discovery a
  // fetcher revalidating a not-yet-discovered route (the deputy picker's options) fell to the "*"
  // catch-all and the page crashed with "No result found for routeId routes/not-found"
  // (remix-run/react-router#15326).
  routeDiscovery: { mode: "initial" },
} satisfies Config;
