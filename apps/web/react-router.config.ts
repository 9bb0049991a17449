import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Middleware resolves the user and language once per request; the v8 flags keep the move to React Router 8 small.
  future: { v8_middleware: true },
} satisfies Config;
