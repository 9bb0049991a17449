import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { childEnvironment } from "@rdlink/env/knobs";

/** The web app's folder: the benchmarks run what is in its build/. */
export const app = path.resolve(import.meta.dirname, "..");

/** Builds the app when there is no build yet (after changing code, run `pnpm build` first). */
export function ensureBuild() {
  if (existsSync(path.join(app, "build/server/index.js"))) return;
  console.error("[bench] no build: running `pnpm build` first");
  if (spawnSync("pnpm", ["build"], { cwd: app, stdio: "inherit" }).status !== 0) throw new Error("build failed");
}

/** Whether anything answers at `url`, and whether it answers 2xx. */
const reachable = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );
const answersOk = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

/**
 * Starts the built app on `base` with these environment variables (and without `without`),
 * in its own process group (so that `stop` stops all of it), and waits until its
 * sign-in page answers. A port already in use is an error, not someone else's app measured.
 */
export async function startBuiltApp(
  base: string,
  env: Record<string, string>,
  options: {
    without?: string[];
    portKnob: string;
    stderr?: "inherit" | "ignore";
    startSeconds?: number;
    /** Node writes a CPU profile of the app here when it exits (stop() makes it exit cleanly). */
    cpuProfileDir?: string;
  },
): Promise<{ server: ChildProcess; stop: () => void }> {
  if (await reachable(`${base}/sign-in`)) {
    throw new Error(`${base} is in use: set ${options.portKnob} to a free port`);
  }
  // tsx's loader in node itself rather than tsx's CLI, so that node takes --cpu-prof (NODE_OPTIONS may not).
  const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const server = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
    cwd: app,
    env: childEnvironment({ NODE_ENV: "production", ...env }, options.without),
    stdio: ["ignore", "ignore", options.stderr ?? "ignore"],
    detached: true,
  });
  const stop = () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  };
  const seconds = options.startSeconds ?? 60;
  for (let i = 0; i < seconds * 4; i++) {
    if (server.exitCode !== null) throw new Error("the app stopped while starting");
    if (await answersOk(`${base}/sign-in`)) return { server, stop };
    await sleep(250);
  }
  stop();
  throw new Error(`the app did not answer within ${seconds} s`);
}
