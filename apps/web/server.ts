/**
 * The web process: opens the database (PGlite in .data/ by default, migrated in place;
 * PostgreSQL when DATABASE_URL is set), refuses to run under a role that could bypass
 * row-level security, seeds the demo on an empty database, and serves the app.
 */
import { systemClock } from "@rdlink/core/clock";
import { DEMO_PASSWORD, seedDemo } from "@rdlink/core/demo/seed-demo";
import { tencentSmsChannel } from "@rdlink/core/sms/tencent-sms-channel";
import { startWorker } from "@rdlink/core/worker/start-worker";
import { openConfiguredDatabase, postgresTarget, setDatabase, UnsafeDatabaseRoleError } from "@rdlink/db";
import { countySecretsKey, env, filesDirectory, usingDevelopmentSecretsKey } from "@rdlink/env";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { type RouterContext, RouterContextProvider, type ServerBuild } from "react-router";
import { isCleanUrl } from "./app/lib/clean-input";
import { compressedResponses, precompressedStatic } from "./app/lib/compression.server";
import { cpuPerRequest } from "./app/lib/cpu-per-request.server";
import { endConnectionIfBodyUnread } from "./app/lib/unread-body.server";

const { NODE_ENV, HOST, PORT, SEED_DEMO, DATABASE_URL, DATA_DIR, WORKER_MODE, WORKER_POLL_MS, MEASURE_CPU } = env();
const production = NODE_ENV === "production";
/** Forms here are small; anything larger is refused before it is read. */
const MAX_BODY_BYTES = 1024 * 1024;
/** A form with photos or a spreadsheet: a few files of at most 10 MB each (each file is checked again). */
const MAX_MULTIPART_BYTES = 64 * 1024 * 1024;

// On PostgreSQL in production env() has refused to start without it; the embedded trial may run on the development key.
if (production && usingDevelopmentSecretsKey())
  console.warn("  COUNTY_SECRETS_KEY is not set: SMS keys are sealed with the development key (fine for a trial only)");

const db = await openConfiguredDatabase().catch((error: unknown) => {
  if (!(error instanceof UnsafeDatabaseRoleError)) throw error;
  console.error(`\n  ${error.message}\n`);
  process.exit(1);
});
setDatabase(db);
const demo = SEED_DEMO ? await seedDemo(db, systemClock) : null;
const worker =
  WORKER_MODE === "inline"
    ? startWorker(db, {
        pollMs: WORKER_POLL_MS,
        filesDirectory: filesDirectory(),
        sms: tencentSmsChannel({ secretsKey: countySecretsKey() }),
        secretsKey: countySecretsKey(),
        log: (line) => console.log(`[worker] ${line}`),
      })
    : null;

const app = express();
app.disable("x-powered-by");
// First, so that it counts everything a request costs (see bench/http.bench.ts).
if (MEASURE_CPU) app.use(cpuPerRequest());
// One reverse proxy in front (see infra/deploy): its X-Forwarded-For names the client.
app.set("trust proxy", 1);

/** The methods the app answers: anything else (TRACE, PUT, DELETE…) is a 405, never a 500. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"];

app.use((req, res, next) => {
  if (!ALLOWED_METHODS.includes(req.method)) {
    res.status(405).setHeader("Allow", ALLOWED_METHODS.join(", "));
    res.type("text/plain; charset=utf-8").send("不支持的请求方法 / Method Not Allowed");
    return;
  }
  // NUL, lone surrogates or broken percent-encoding in the path or query: refused before any route.
  if (!isCleanUrl(req.originalUrl)) {
    res.status(400).type("text/plain; charset=utf-8").send("请求地址含有无效字符 / Invalid characters in the URL");
    return;
  }
  next();
});

// Brotli when the browser takes it, else gzip (docs/decisions/0016-a-light-public-entry.md).
app.use(compressedResponses());

// For the reverse proxy and systemd: live while the process serves, ready while the database answers.
app.get("/healthz", (_req, res) => {
  res.type("text/plain").send("ok");
});
app.get("/readyz", async (_req, res) => {
  const ready = await db.ping();
  res
    .status(ready ? 200 : 503)
    .type("text/plain; charset=utf-8")
    .send(ready ? "ok" : "数据库暂不可用 / database unavailable");
});

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const length = req.headers["content-length"];
  if (length === undefined && req.headers["transfer-encoding"]) {
    res.status(411).type("text/plain; charset=utf-8").send("需要 Content-Length / Length Required");
    return;
  }
  // A refusal (by Content-Length below, or from a form read as it streams in) answers before
  // the body has been read: once it is out, the connection ends and the rest is not taken.
  endConnectionIfBodyUnread(req, res);
  const multipart = req.headers["content-type"]?.startsWith("multipart/form-data") ?? false;
  if (Number(length) > (multipart ? MAX_MULTIPART_BYTES : MAX_BODY_BYTES)) {
    res.status(413).type("text/plain; charset=utf-8").send("请求内容过大 / Payload Too Large");
    return;
  }
  next();
});

type BuildWithContext = ServerBuild & { entry: { module: { clientIpContext: RouterContext<string | null> } } };

function loadContextFor(build: () => Promise<BuildWithContext>) {
  return async (req: express.Request) => {
    const context = new RouterContextProvider();
    context.set((await build()).entry.module.clientIpContext, req.ip ?? null);
    return context;
  };
}

if (production) {
  // The build's own brotli and gzip copies (scripts/precompress-assets.ts), then the files themselves.
  app.use("/assets", precompressedStatic("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // The few files at the top of build/client (the icon): a page's address, with no extension, is not looked up on disk.
  const clientFiles = express.static("build/client", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.\w+$/.test(req.path) ? clientFiles(req, res, next) : next()));
  const build = (await import(/* @vite-ignore */ "./build/server/index.js" as string)) as BuildWithContext;
  app.use(createRequestHandler({ build, getLoadContext: loadContextFor(async () => build) }));
} else {
  const vite = await import("vite");
  const devServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(devServer.middlewares);
  const build = () => devServer.ssrLoadModule("virtual:react-router/server-build") as Promise<BuildWithContext>;
  app.use(createRequestHandler({ build, getLoadContext: loadContextFor(build) }));
}

const server = app.listen(PORT, HOST, () => {
  const address = `http://${HOST}:${PORT}`;
  const database = DATABASE_URL
    ? `PostgreSQL ${postgresTarget(DATABASE_URL).path ?? new URL(DATABASE_URL).host}`
    : `PGlite (${DATA_DIR}/pglite)`;
  console.log(`\n  人大代表联络站服务平台 is running at ${address}  [${database}, ${NODE_ENV}]\n`);
  if (demo) {
    console.log(`  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const user of demo) console.log(`    ${user.username.padEnd(16)} ${user.role.padEnd(26)} ${user.displayName}`);
    console.log("");
  }
});
// A client that keeps connections open (a reverse proxy, an API client) may reuse an idle one just as
// the server closes it, and gets "socket hang up": hold idle connections longer than proxies do (60 s).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("error", async (error: NodeJS.ErrnoException) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${PORT} is in use: set PORT to another one.` : error);
  await worker?.stop();
  await db.close();
  process.exit(1);
});

async function shutdown() {
  server.close();
  await worker?.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
