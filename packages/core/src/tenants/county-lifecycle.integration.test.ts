import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Actor } from "@rdlink/auth";
import { files, platformAuditLog, selectRows, tenants, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { ManualClock } from "../clock";
import { getCountyOverview } from "../county/get-county-overview";
import { DEMO_COUNTY_CODE, seedDemo } from "../demo/seed-demo";
import { storeImage } from "../files/store-image";
import { getCountyFigures } from "../stats/get-county-figures";
import { countyAdminOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { runWorkerRound } from "../worker/start-worker";
import { cancelCountyDeletion } from "./cancel-county-deletion";
import { type ArchiveManifest, CountyArchiveError } from "./county-archive";
import { countyTablesParentsFirst } from "./county-tables";
import { deleteDueCounties } from "./delete-due-counties";
import { exportCounty } from "./export-county";
import { importCounty } from "./import-county";
import { DELETION_GRACE_DAYS, scheduleCountyDeletion } from "./schedule-county-deletion";
import { setTenantStatus } from "./set-tenant-status";

const DAY = 86_400_000;

describe.each(testDrivers())("a county's lifecycle on %s", (driver) => {
  const clock = new ManualClock(new Date("2026-06-15T02:00:00Z"));
  let source: TestDatabase;
  let target: TestDatabase;
  let work: string;
  let tenantId: string;
  let operator: Actor;
  let archive: string;
  let manifest: ArchiveManifest;
  const filesOf = (deployment: string) => path.join(work, deployment, "files");
  const asOperator = () => ({ actor: operator, ip: "127.0.0.1", clock });

  /** What the county's dashboard and console overview show, as their use cases compute them. */
  const dashboard = (t: TestDatabase) =>
    t.db.withTenant(tenantId, async (tx) => {
      const ctx = { actor: countyAdminOf(tenantId, operator.userId), ip: null, clock };
      const { tenant: _tenant, ...overview } = await getCountyOverview(tx, ctx);
      return { overview, figures: await getCountyFigures(tx, ctx, { from: "2026-01-01", to: "2026-06-30" }) };
    });

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "rdlink-lifecycle-"));
    source = await createTestDatabase(driver);
    target = await createTestDatabase(driver);
    await seedDemo(source.db, clock);
    const [county] = await source.db.withoutTenant((tx) =>
      tx.select().from(tenants).where(eq(tenants.divisionCode, DEMO_COUNTY_CODE)),
    );
    tenantId = county!.id;
    const [op] = await source.db.withoutTenant((tx) => tx.select().from(users).where(eq(users.username, "operator")));
    operator = {
      userId: op!.id,
      username: "operator",
      displayName: op!.displayName,
      platformRole: "operator",
      tenantId: null,
      memberships: [],
    };
    // A photo on disk, named by a row, as an upload leaves it.
    const photo = await storeImage(
      {
        bytes: new Uint8Array(
          await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
            .jpeg()
            .toBuffer(),
        ),
        filename: "路灯.jpg",
      },
      { directory: filesOf("source") },
    );
    await source.db.withTenant(tenantId, (tx) =>
      tx
        .insert(files)
        .values({ tenantId, id: photo.id, storedName: photo.storedName, mimeType: photo.mimeType, bytes: photo.bytes }),
    );
    archive = path.join(work, "xxt.tar.gz");
    manifest = await exportCounty(
      source.db,
      asOperator(),
      { tenantId },
      { filesDirectory: filesOf("source"), archivePath: archive },
    );
  }, 600_000);
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    await rm(work, { recursive: true, force: true });
  });

  it("exports every county table the catalog names, the county's accounts and its photos, each with a checksum", async () => {
    const tables = await source.db.withTenant(tenantId, (tx) => countyTablesParentsFirst(tx));
    expect(tables.length).toBeGreaterThanOrEqual(60);
    const listed = manifest.entries.map((entry) => entry.path);
    expect(listed.filter((p) => p.startsWith("tables/"))).toEqual(tables.map((t) => `tables/${t.name}.jsonl`));
    expect(listed).toContain("county.json");
    expect(listed.filter((p) => p.startsWith("files/"))).toHaveLength(1);
    expect(manifest.missingFiles).toEqual([]);
    const rowsOf = (table: string) => manifest.entries.find((e) => e.path === `tables/${table}.jsonl`)?.rows;
    const counted = await source.db.withTenant(tenantId, (tx) =>
      selectRows<{ cases: number; audit: number; users: number }>(
        tx,
        sql`select (select count(*) from cases)::int as cases, (select count(*) from audit_log)::int as audit,
                   (select count(*) from users where home_tenant_id = ${tenantId})::int as users`,
      ),
    );
    expect(rowsOf("cases")).toBe(counted[0]!.cases);
    expect(rowsOf("cases")).toBeGreaterThan(50);
    expect(rowsOf("audit_log")).toBe(counted[0]!.audit);
    expect(manifest.entries.find((e) => e.path === "users.jsonl")?.rows).toBe(counted[0]!.users);
    expect(counted[0]!.users).toBeGreaterThanOrEqual(5);
    // The operator who invited the county's admin is named by a stand-in, never carried over.
    const standIns = manifest.entries.find((e) => e.path === "other-accounts.jsonl");
    expect(standIns?.rows).toBe(1);
    // Parents first: a case's township and workflow load before it.
    const order = tables.map((t) => t.name);
    expect(order.indexOf("townships")).toBeLessThan(order.indexOf("cases"));
    expect(order.indexOf("workflow_versions")).toBeLessThan(order.indexOf("cases"));
    const [county] = await source.db.withoutTenant((tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)));
    expect(county!.exportedAt).toEqual(clock.now());
  });

  it("imports into an empty deployment: the same rows (checksums), the same dashboard, the same photo, a chain that verifies", async () => {
    const imported = await importCounty(target.db, { actor: null, ip: null, clock }, archive, {
      filesDirectory: filesOf("target"),
    });
    expect(imported.tenantId).toBe(tenantId);
    const again = await exportCounty(
      target.db,
      asOperator(),
      { tenantId },
      { filesDirectory: filesOf("target"), archivePath: path.join(work, "again.tar.gz") },
    );
    expect(again.entries).toEqual(manifest.entries);
    expect(await dashboard(target)).toEqual(await dashboard(source));
    expect((await dashboard(target)).figures.total.received).toBeGreaterThan(0);
    expect(await readdir(filesOf("target"))).toEqual(await readdir(filesOf("source")));
    expect(await target.db.withTenant(tenantId, (tx) => verifyAuditChain(tx))).toEqual([]);
    const [record] = await target.db.withoutTenant((tx) =>
      tx.select().from(platformAuditLog).where(eq(platformAuditLog.action, "tenant.imported")),
    );
    expect(record?.tenantId).toBe(tenantId);
  });

  it("refuses a county the deployment already has, and an archive changed after export, writing nothing", async () => {
    await expect(
      importCounty(target.db, { actor: null, ip: null, clock }, archive, { filesDirectory: filesOf("target") }),
    ).rejects.toThrow(/已有西乡塘区/);
    // One case's date changed inside the archive.
    const unpacked = path.join(work, "tampered");
    await rm(unpacked, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(unpacked));
    await tar.extract({ file: archive, cwd: unpacked });
    const casesFile = path.join(unpacked, "tables/cases.jsonl");
    await writeFile(casesFile, (await readFile(casesFile, "utf8")).replace("2026-", "2025-"));
    const tampered = path.join(work, "tampered.tar.gz");
    await tar.create({ gzip: true, file: tampered, cwd: unpacked }, await readdir(unpacked));
    const empty = await createTestDatabase(driver);
    try {
      const refused = importCounty(empty.db, { actor: null, ip: null, clock }, tampered, {
        filesDirectory: filesOf("empty"),
      });
      await expect(refused).rejects.toThrow(CountyArchiveError);
      await expect(refused).rejects.toThrow("tables/cases.jsonl 的校验和与清单不符");

      // Checksums only bind an archive to its own manifest: one rewritten to carry a platform
      // operator's account, checksums and all, is still refused.
      await writeFile(casesFile, (await readFile(casesFile, "utf8")).replace("2025-", "2026-"));
      const usersFile = path.join(unpacked, "users.jsonl");
      const [first, ...rest] = (await readFile(usersFile, "utf8")).split("\n");
      const forged = { ...JSON.parse(first!), platform_role: "operator" };
      await writeFile(usersFile, [JSON.stringify(forged), ...rest].join("\n"));
      const manifestFile = path.join(unpacked, "manifest.json");
      const rewritten = JSON.parse(await readFile(manifestFile, "utf8")) as ArchiveManifest;
      const users = rewritten.entries.find((e) => e.path === "users.jsonl")!;
      const bytes = await readFile(usersFile);
      users.sha256 = createHash("sha256").update(bytes).digest("hex");
      users.bytes = bytes.length;
      await writeFile(manifestFile, JSON.stringify(rewritten));
      await tar.create({ gzip: true, file: tampered, cwd: unpacked }, await readdir(unpacked));
      await expect(
        importCounty(empty.db, { actor: null, ip: null, clock }, tampered, { filesDirectory: filesOf("empty") }),
      ).rejects.toThrow(/归档中有不属于该区县的账号：xxt-/);
      const counts = await empty.db.withoutTenant((tx) =>
        selectRows<{ tenants: number; users: number }>(
          tx,
          sql`select (select count(*) from tenants)::int as tenants, (select count(*) from users)::int as users`,
        ),
      );
      expect(counts[0]).toEqual({ tenants: 0, users: 0 });
    } finally {
      await empty.drop();
    }
  }, 120_000);

  it("offboards: suspend → export → delete after the grace period; no row of the county in any table and no file", async () => {
    const neighbour = await onboardTestCounty(source.db, "450102", clock);
    const inCounty = <T>(work: Parameters<typeof source.db.withTenant<T>>[1]) => source.db.withTenant(tenantId, work);

    // Not before it is suspended, nor before an export taken since.
    await expect(inCounty((tx) => scheduleCountyDeletion(tx, asOperator()))).rejects.toThrow(
      "errors.deletionNeedsSuspension",
    );
    clock.advance(DAY);
    await inCounty((tx) => setTenantStatus(tx, asOperator(), { status: "suspended" }));
    await expect(inCounty((tx) => scheduleCountyDeletion(tx, asOperator()))).rejects.toThrow(
      "errors.deletionNeedsExport",
    );
    await exportCounty(
      source.db,
      asOperator(),
      { tenantId },
      { filesDirectory: filesOf("source"), archivePath: path.join(work, "final.tar.gz") },
    );
    const { deletionDueAt } = await inCounty((tx) => scheduleCountyDeletion(tx, asOperator()));
    expect(deletionDueAt.getTime() - clock.now().getTime()).toBe(DELETION_GRACE_DAYS * DAY);
    // Scheduled, the county cannot be reactivated until the deletion is cancelled.
    await expect(inCounty((tx) => setTenantStatus(tx, asOperator(), { status: "active" }))).rejects.toThrow(
      "errors.deletionScheduled",
    );
    await inCounty((tx) => cancelCountyDeletion(tx, asOperator()));
    await inCounty((tx) => scheduleCountyDeletion(tx, asOperator()));

    // The database lets a county's history go only once it is marked deleted, and marks it so only
    // when it is suspended and scheduled, whoever asks.
    const asApp = (statement: ReturnType<typeof sql>) =>
      source.db.withTenant(neighbour.tenantId, (tx) => tx.execute(statement));
    const refusedWith = (pattern: RegExp) => ({ cause: { message: expect.stringMatching(pattern) } });
    await expect(
      asApp(sql`update tenants set status = 'deleted' where id = ${neighbour.tenantId}`),
    ).rejects.toMatchObject(refusedWith(/not suspended and scheduled for deletion/));
    await expect(asApp(sql`delete from audit_log where tenant_id = ${neighbour.tenantId}`)).rejects.toMatchObject(
      refusedWith(/append-only/),
    );
    await expect(
      asApp(sql`delete from workflow_versions where tenant_id = ${neighbour.tenantId}`),
    ).rejects.toMatchObject(refusedWith(/deleted only with their county/));

    expect(
      await deleteDueCounties(source.db, new Date(clock.now().getTime() + (DELETION_GRACE_DAYS - 1) * DAY), {
        filesDirectory: filesOf("source"),
      }),
    ).toEqual([]);
    // The worker's hourly housekeeping erases it once due.
    const round = await runWorkerRound(source.db, new Date(clock.now().getTime() + DELETION_GRACE_DAYS * DAY), {
      filesDirectory: filesOf("source"),
    });
    expect(round.countiesDeleted).toBe(1);

    // Catalog-driven: every county table, looked at past row-level security where the driver allows.
    const tables = (await source.db.withTenant(neighbour.tenantId, (tx) => countyTablesParentsFirst(tx))).map(
      (t) => t.name,
    );
    const left = await source.db.withTenant(tenantId, (tx) =>
      selectRows<{ table: string; n: number }>(
        tx,
        sql.raw(
          tables
            .map((t) => `select '${t}' as table, count(*)::int as n from "${t}" where tenant_id = '${tenantId}'`)
            .join(" union all "),
        ),
      ),
    );
    expect(left.filter((row) => row.n > 0)).toEqual([]);
    if (driver === "postgres") {
      const asOwner = await source.asOwner(async (owner) => {
        const counts = [];
        for (const t of tables)
          counts.push(
            (await owner.unsafe(`select count(*)::int as n from "${t}" where tenant_id = $1`, [tenantId]))[0]!.n,
          );
        return counts;
      });
      expect(asOwner.every((n) => n === 0)).toBe(true);
    }
    const platform = await source.db.withoutTenant((tx) =>
      selectRows<{ tenants: number; users: number }>(
        tx,
        sql`select (select count(*) from tenants where id = ${tenantId})::int as tenants,
                   (select count(*) from users where home_tenant_id = ${tenantId})::int as users`,
      ),
    );
    expect(platform[0]).toEqual({ tenants: 0, users: 0 });
    expect(await readdir(filesOf("source"))).toEqual([]);
    // The platform keeps the record; the neighbour keeps everything, its chain intact.
    const [record] = await source.db.withoutTenant((tx) =>
      tx.select().from(platformAuditLog).where(eq(platformAuditLog.action, "tenant.deleted")),
    );
    expect(record).toMatchObject({ tenantId, detail: expect.objectContaining({ name: "西乡塘区", files: 1 }) });
    expect((record!.detail as { rows: number }).rows).toBeGreaterThan(
      manifest.entries.find((e) => e.path === "tables/cases.jsonl")!.rows!,
    );
    expect(await source.db.withTenant(neighbour.tenantId, (tx) => verifyAuditChain(tx))).toEqual([]);
    const neighbourTownships = await source.db.withTenant(neighbour.tenantId, (tx) =>
      selectRows<{ n: number }>(tx, sql`select count(*)::int as n from townships`),
    );
    expect(neighbourTownships[0]!.n).toBeGreaterThan(0);
  }, 300_000);
});
