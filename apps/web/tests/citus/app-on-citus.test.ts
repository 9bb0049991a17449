/**
 * `pnpm test:citus` (issue 19): the built app on a database of the local Citus cluster
 * (infra/citus), migrated by the app itself (each table distributed as it is created) and seeded
 * with the demo county, then used over HTTP as people use it: a citizen's opinion through the
 * public form and one through the API, a township operator opening the case and taking its first
 * step, the citizen tracking it, and the inline worker firing a due deadline exactly once.
 */

import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createApiKey } from "@rdlink/core/api-keys/create-api-key";
import { acceptInvitation } from "@rdlink/core/auth/accept-invitation";
import { systemClock } from "@rdlink/core/clock";
import { DEMO_COUNTY_CODE } from "@rdlink/core/demo/seed-demo";
import { countyAdminOf } from "@rdlink/core/testing/actors";
import { solvedChallenge, TEST_INTAKE_SECRET } from "@rdlink/core/testing/proof-of-work";
import { inviteUser } from "@rdlink/core/users/invite-user";
import { openPostgres } from "@rdlink/db";
import { createCitusDatabase, dropCitusDatabase } from "@rdlink/db/testing/citus";
import { freePort } from "@rdlink/db/testing/free-port";
import { readKnobs, textKnob } from "@rdlink/env/knobs";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { ensureBuild, startBuiltApp } from "../../bench/built-app";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it("serves a county from a Citus coordinator: opinions filed, a step taken, the case tracked, a deadline fired once", async () => {
  ensureBuild();
  const { adminUrl } = readKnobs({ adminUrl: textKnob("TEST_DATABASE_URL", "") });
  if (!adminUrl) throw new Error("TEST_DATABASE_URL must name the Citus coordinator (infra/citus/test.sh sets it)");
  const coordinator = new URL(adminUrl);
  const suffix = randomBytes(4).toString("hex");
  const name = `rdlink_app_${suffix}`;
  const owner = `rdlink_owner_${suffix}`;
  const login = `rdlink_login_${suffix}`;
  // The app's two roles, as infra/postgres/roles.sql makes them, made on the coordinator (Citus
  // makes them on the workers too); app_user and app_worker are the cluster's (cluster.sh).
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  cleanups.push(() => admin.end({ timeout: 1 }));
  await admin.unsafe(`create role ${owner} login nosuperuser nobypassrls password 'owner'`);
  await admin.unsafe(
    `create role ${login} login nosuperuser nobypassrls nocreatedb nocreaterole password 'app' in role app_user`,
  );
  cleanups.push(() =>
    admin.unsafe(`drop role if exists ${login}`).then(() => admin.unsafe(`drop role if exists ${owner}`)),
  );
  await createCitusDatabase(adminUrl, name, owner);
  cleanups.push(() => dropCitusDatabase(adminUrl, name));
  const at = (role: string, password: string) => `postgres://${role}:${password}@${coordinator.host}/${name}`;
  const superuser = postgres(`postgres://postgres@${coordinator.host}/${name}`, { max: 1, onnotice: () => {} });
  cleanups.push(() => superuser.end({ timeout: 1 }));

  const dataDir = mkdtempSync(path.join(tmpdir(), "rdlink-citus-data-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startBuiltApp(
    base,
    {
      DATABASE_URL: at(login, "app"),
      MIGRATE_DATABASE_URL: at(owner, "owner"),
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      SEED_DEMO: "true",
      WORKER_MODE: "inline",
      WORKER_POLL_MS: "200",
      INTAKE_SECRET: TEST_INTAKE_SECRET,
      COUNTY_SECRETS_KEY: randomBytes(32).toString("hex"),
    },
    { portKnob: "a free port", stderr: "inherit", without: ["FILES_DIR"], startSeconds: 180 },
  );
  cleanups.push(app.stop);

  // ---- the app's own migrations left no table of the schema on the coordinator alone
  const undistributed = await superuser<{ table: string }[]>`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid)`;
  expect(undistributed).toEqual([]);

  // ---- the demo county, one of its stations and that station's township
  const [county] = await superuser<{ tenantId: string; adminId: string }[]>`
    select t.id as "tenantId", u.id as "adminId" from tenants t join users u on u.username = 'xxt-admin'
    where t.division_code = ${DEMO_COUNTY_CODE}`;
  const [station] = await superuser<{ code: string; townshipId: string }[]>`
    select code, township_id as "townshipId" from stations where tenant_id = ${county!.tenantId}
    order by code limit 1`;
  const stationCode = `${DEMO_COUNTY_CODE}-${station!.code}`;
  // The county's rows live on one worker's shard, not on the coordinator.
  const [placement] = await superuser<{ port: number }[]>`
    select n.nodeport as port from pg_dist_placement p join pg_dist_node n on n.groupid = p.groupid
    where p.shardid = get_shard_id_for_distribution_column('cases', ${county!.tenantId}::uuid)`;
  expect(placement!.port).not.toBe(Number(coordinator.port));

  const appDb = await openPostgres({ url: at(login, "app"), max: 1 });
  cleanups.push(() => appDb.close());
  const countyAdmin = { actor: countyAdminOf(county!.tenantId, county!.adminId), ip: null, clock: systemClock };

  // ---- a citizen's opinion through the public form (with its proof of work), one through the API
  const form = new FormData();
  form.set("intakeKey", randomUUID());
  form.set("altcha", await solvedChallenge(new Date(Date.now() - 10_000)));
  form.set("website", "");
  form.set("category", "transport");
  form.set("content", "分布式测试：村口路灯坏了三个月，晚上出行很不方便。");
  form.set("fields.location", "村口");
  const posted = await fetch(`${base}/s/${stationCode}.data`, {
    method: "POST",
    body: form,
    headers: { Origin: base, "X-Forwarded-For": "10.19.0.1" },
  });
  expect(posted.status).toBe(200);
  const formCode = /"trackingCode","([^"]+)"/.exec(await posted.text())?.[1];
  expect(formCode).toBeTruthy();

  const { key } = await appDb.withTenant(county!.tenantId, (tx) =>
    createApiKey(tx, countyAdmin, { name: "分布式测试" }),
  );
  const filed = await fetch(`${base}/api/v1/opinions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
    body: JSON.stringify({ stationCode, category: "transport", content: "分布式测试：学校门口缺少减速带。" }),
  });
  expect(filed.status).toBe(201);
  const { trackingCode: apiCode } = (await filed.json()) as { trackingCode: string };
  const cases = await superuser<{ id: string; code: string; seq: number; state: string }[]>`
    select id, tracking_code as code, seq, state from cases
    where tenant_id = ${county!.tenantId} and tracking_code in (${formCode!}, ${apiCode})`;
  expect(cases.map((c) => c.code).sort()).toEqual([formCode, apiCode].sort());
  const opinion = cases.find((c) => c.code === formCode)!;

  // ---- the township's operator opens the case and sends it for review, as the case page does
  const { token } = await appDb.withTenant(county!.tenantId, async (tx) => {
    const invited = await inviteUser(tx, countyAdmin, {
      username: "citus-township",
      displayName: "乡镇人大主席团",
      role: "township_operator",
      townshipIds: [station!.townshipId],
    });
    return { token: invited.invitationToken };
  });
  const password = "Citus-operator-2026!";
  const session = await acceptInvitation(
    appDb,
    token,
    { password, confirmPassword: password },
    { ip: "127.0.0.1", userAgent: "citus-test" },
    systemClock.now(),
  );
  const cookie = `__Host-rd_session=${session.token}`;
  const page = await fetch(`${base}/work/cases/${opinion.id}`, { headers: { cookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("村口路灯坏了三个月");
  const step = new FormData();
  step.set("event", "SUBMIT_REVIEW");
  step.set("expectedSeq", String(opinion.seq));
  step.set("summary", "村口路灯不亮");
  const stepped = await fetch(`${base}/work/cases/${opinion.id}.data`, {
    method: "POST",
    body: step,
    headers: { cookie, Origin: base },
  });
  expect(stepped.status).toBe(200);
  const [after] = await superuser<{ seq: number; state: string }[]>`
    select seq, state from cases where tenant_id = ${county!.tenantId} and id = ${opinion.id}`;
  expect(after).toEqual({ seq: opinion.seq + 1, state: "stationReview" });

  // ---- the citizen follows it on the tracking page
  const tracked = await fetch(`${base}/t/${formCode}`);
  expect(tracked.status).toBe(200);
  expect(await tracked.text()).toContain(formCode!);

  // ---- the review's deadline, made due now, is fired by the inline worker exactly once
  const [timer] = await superuser<{ id: string }[]>`
    select id from case_timers where tenant_id = ${county!.tenantId} and case_id = ${opinion.id}
      and state_id = 'stationReview' order by due_at limit 1`;
  expect(timer).toBeTruthy();
  await superuser`update case_timers set due_at = now() - interval '1 second'
    where tenant_id = ${county!.tenantId} and id = ${timer!.id}`;
  const deadline = Date.now() + 60_000;
  let fired: { times: number }[] = [];
  while (Date.now() < deadline) {
    fired = await superuser<{ times: number }[]>`select count(*)::int as times from case_events
      where tenant_id = ${county!.tenantId} and idempotency_key = ${`timer:${timer!.id}`}`;
    const [left] = await superuser<{ n: number }[]>`select count(*)::int as n from case_timers
      where tenant_id = ${county!.tenantId} and id = ${timer!.id}`;
    if (fired[0]!.times > 0 && left!.n === 0) break;
    await sleep(250);
  }
  expect(fired[0]!.times).toBe(1);
  expect(app.server.exitCode).toBeNull();
}, 600_000);
