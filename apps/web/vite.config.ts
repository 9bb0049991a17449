import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

/**
 * The libraries the citizens' station form runs on, whole: React, React Router, i18next and the
 * proof of work. Mantine is not among them: that page is built without it (docs/decisions/0020).
 */
const PUBLIC_PACKAGES =
  /\/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements|altcha-lib)\//;
/**
 * Our small modules the station form imports, and the Chinese strings it shows:
 * in the same chunk, so that a phone on 3G does not wait for a second round of requests (each
 * costs half a second of latency, and the browser opens six connections at a time).
 */
const PUBLIC_MODULES =
  /\/packages\/i18n\/src\/zh-CN-public\.ts$|preload-helper|\/apps\/web\/app\/(lib\/(languages|translations|use-translation|localized|form-errors|image-accept)|components\/(document-title|public-frame|public-fields|tracking-code-card))\.tsx?$/;
/**
 * Mantine's core and its common components, with what they are built on, in one chunk for the
 * staff pages and tracking (not ~50 small files). Listed by hand: our modules import Mantine
 * through its index, so the import graph cannot tell which components a page uses.
 */
const COMMON_MANTINE =
  /\/node_modules\/(@mantine\/hooks|clsx)\/|\/node_modules\/@mantine\/core\/esm\/(core\/|components\/(Alert|Box|Button|Checkbox|CloseButton|Combobox|Container|Group|Input|InputBase|Loader|NativeSelect|Paper|Portal|Progress|Stack|Text|Textarea|TextInput|Title|Transition|UnstyledButton)\/)/;

export default defineConfig(({ isSsrBuild }) => {
  return {
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
    build: isSsrBuild
      ? { rollupOptions: { external: [/^@rdlink\//] } }
      : {
          sourcemap: Boolean(process.env.BUILD_SOURCEMAP),
          rolldownOptions: {
            output: {
              // Everything the station form loads in one chunk, not ~60: on a phone on 3G each
              // request costs a round trip of half a second (docs/decisions/0016). Staff pages load
              // it too, and Mantine's common parts as one more.
              codeSplitting: {
                groups: [
                  {
                    name: (id) => (PUBLIC_PACKAGES.test(id) || PUBLIC_MODULES.test(id) ? "public" : null),
                    priority: 10,
                  },
                  { name: (id) => (COMMON_MANTINE.test(id) ? "mantine" : null), priority: 9 },
                ],
              },
            },
          },
        },
  };
});
