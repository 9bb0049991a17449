import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@rdlink/db/testing/free-port";

const run = promisify(execFile);

/** Debian keeps the server's programs out of PATH, under its major version. */
async function binDir(): Promise<string> {
  const { stdout } = await run("pg_config", ["--bindir"]).catch(() => ({ stdout: "" }));
  const fromConfig = stdout.trim();
  if (fromConfig) {
    const { stdout: version } = await run(path.join(fromConfig, "pg_ctl"), ["--version"]).catch(() => ({ stdout: "" }));
    if (version) return fromConfig;
  }
  const { stdout: found } = await run("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"]);
  if (!found.trim()) throw new Error("No PostgreSQL server programs (apt-get install postgresql)");
  return found.trim();
}

/**
 * A PostgreSQL cluster of the test's own (`initdb` on a free port, trust on loopback), which
 * the test may restart and stop as an operator or a failover would. PostgreSQL refuses to run
 * as root, so as root the cluster belongs to the `postgres` user.
 */
export type Cluster = {
  port: number;
  /** Superuser connection string. */
  adminUrl: string;
  /** The directory of its Unix socket (`.s.PGSQL.<port>`). */
  socketDirectory: string;
  /** `pg_ctl -m fast restart`: every backend is terminated, the server is back when this resolves. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the cluster and removes its files. */
  destroy: () => Promise<void>;
};

export async function startCluster(): Promise<Cluster> {
  const bin = await binDir();
  const root = mkdtempSync(path.join(tmpdir(), "rdlink-fault-pg-"));
  const dataDir = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    chownSync(root, Number(stdout), Number(group));
  }
  const as = (program: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, program), ...args], { cwd: root })
      : run(path.join(bin, program), args, { cwd: root });
  const port = await freePort();
  await as("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off`;
  const ctl = (...args: string[]) => as("pg_ctl", ["-D", dataDir, "-l", path.join(root, "server.log"), ...args]);
  await ctl("-o", options, "-w", "start");
  return {
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    socketDirectory: root,
    restart: async () => {
      await ctl("-o", options, "-m", "fast", "-w", "restart");
    },
    stop: async () => {
      await ctl("-m", "fast", "-w", "stop");
    },
    start: async () => {
      await ctl("-o", options, "-w", "start");
    },
    destroy: async () => {
      await ctl("-m", "immediate", "-w", "stop").catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}
