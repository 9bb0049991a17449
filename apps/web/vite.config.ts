import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  // The React Router plugin is left out under vitest (remix-run/remix#9871).
  plugins: [process.env.VITEST ? null : reactRouter()],
  resolve: { tsconfigPaths: true },
  // Server-side, the workspace packages are loaded by Node (through tsx) rather than
  // bundled: they carry native modules (Argon2, PGlite's WASM) and must be the very
  // module instances that server.ts opened the database with.
  ssr: {
    external: [
      "@rdlink/auth",
      "@rdlink/core",
      "@rdlink/db",
      "@rdlink/env",
      "@rdlink/forms",
      "@rdlink/i18n",
      "@rdlink/workflow",
    ],
  },
  build: isSsrBuild ? { rollupOptions: { external: [/^@rdlink\//] } } : {},
}));
