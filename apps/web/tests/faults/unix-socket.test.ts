/**
 * The built app on a PostgreSQL of its own, reached through the Unix socket its DATABASE_URL names
 * in libpq's way (`?host=/directory`), as a deployment with the database on the same machine is
 * set up (decision 0047). postgres.js alone would send `host` to the server as a setting.
 */

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DEMO_COUNTY_CODE } from "@rdlink/core/demo/seed-demo";
import { TEST_INTAKE_SECRET } from "@rdlink/core/testing/proof-of-work";
import { freePort } from "@rdlink/db/testing/free-port";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { ensureBuild, startBuiltApp } from "../../bench/built-app";
import { startCluster } from "./postgres-cluster";

const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, "../../../..");

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it("migrates and serves through the Unix socket DATABASE_URL names, with no TCP connection", async () => {
  ensureBuild();
  const cluster = await startCluster();
  cleanups.push(() => cluster.destroy());
  await run("psql", [
    ...["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "owner_password=owner", "-v", "app_password=app"],
    ...["-d", cluster.adminUrl, "-f", path.join(repositoryRoot, "infra/postgres/roles.sql")],
  ]);
  const overSocket = (role: string, password: string) =>
    `postgres://${role}:${password}@localhost:${cluster.port}/rdlink?host=${encodeURIComponent(cluster.socketDirectory)}`;

  const dataDir = mkdtempSync(path.join(tmpdir(), "rdlink-socket-data-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startBuiltApp(
    base,
    {
      DATABASE_URL: overSocket("rdlink_app", "app"),
      MIGRATE_DATABASE_URL: overSocket("rdlink_owner", "owner"),
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      SEED_DEMO: "true",
      WORKER_MODE: "inline",
      INTAKE_SECRET: TEST_INTAKE_SECRET,
      COUNTY_SECRETS_KEY: randomBytes(32).toString("hex"),
    },
    { portKnob: "a free port", stderr: "inherit", without: ["FILES_DIR"] },
  );
  cleanups.push(app.stop);

  // A station's public form reads the county and the station: the demo seeded them through the socket.
  const superuser = postgres(`postgres://postgres@127.0.0.1:${cluster.port}/rdlink`, { max: 1, onnotice: () => {} });
  cleanups.push(() => superuser.end({ timeout: 1 }));
  const [station] = await superuser<{ code: string }[]>`
    select s.code from stations s join tenants t on t.id = s.tenant_id where t.division_code = ${DEMO_COUNTY_CODE} limit 1`;
  const page = await fetch(`${base}/s/${DEMO_COUNTY_CODE}-${station!.code}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("提交");

  // Unix-socket backends have no client address; the superuser's own TCP session is left out.
  const backends = await superuser<{ usename: string; overTcp: boolean }[]>`
    select usename, client_addr is not null as "overTcp" from pg_stat_activity
    where datname = 'rdlink' and pid <> pg_backend_pid() and backend_type = 'client backend'`;
  expect(backends.filter((backend) => backend.usename === "rdlink_app").length).toBeGreaterThan(0);
  expect(backends.filter((backend) => backend.overTcp)).toEqual([]);
});
