import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Middleware resolves the user and language once per request; the v8 flags keep the move to React Router 8 small.
  future: { v8_middleware: true },
  // Lazy discovery: a page ships the manifest of the routes it matched, and learns others from
  // the links it shows (one request after hydration) or when it goes there, so the citizens'
  // public pages do not carry the staff console's ~60 routes (docs/decisions/0014). Fetchers'
  // routes are discovered with the signed-in layout (app/components/discover-routes.tsx,
  // remix-run/react-router#15326).
  routeDiscovery: { mode: "lazy" },
} satisfies Config;
