import { platformAuditLog } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { onboardCounty } from "../tenants/onboard-county";
import { createOperator } from "../testing/actors";
import { checkAuditChains } from "./check-audit-chains";
import { recordAudit, recordPlatformAudit } from "./record-audit";
import { verifyAuditChain, verifyPlatformAuditChain } from "./verify-audit-chain";

const day = (date: string) => new Date(`${date}T20:00:00Z`); // 04:00 the next day in Shanghai

async function withCounty(driver: "postgres" | "pglite") {
  const t = await createTestDatabase(driver);
  const actor = await createOperator(t.db);
  const { tenantId } = await onboardCounty(
    t.db,
    { actor, ip: null, clock: systemClock },
    { divisionCode: "320582", adminUsername: "zjg-admin", adminDisplayName: "张家港管理员" },
  );
  return { t, tenantId };
}

describe.each(testDrivers())("the audit chains on %s", (driver) => {
  let t: TestDatabase;
  const platformRows = () =>
    t.db.withoutTenant((tx) => tx.select().from(platformAuditLog).orderBy(asc(platformAuditLog.seq)));

  beforeAll(async () => {
    ({ t } = await withCounty(driver));
  });
  afterAll(() => t.drop());

  it("chains the platform's rows, one after another, even written at once", async () => {
    const ctx = { actor: null, ip: "10.0.0.9", clock: systemClock };
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.withoutTenant((tx) =>
          recordPlatformAudit(tx, ctx, { action: "auth.sign_in_failed", detail: { username: `nobody${i}` } }),
        ),
      ),
    );
    const rows = await platformRows();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (const [i, row] of rows.entries()) expect(row.prevHash).toBe(i === 0 ? "" : rows[i - 1]!.hash);
    expect(await t.db.withoutTenant((tx) => verifyPlatformAuditChain(tx))).toEqual([]);
  });

  it("walks every chain once a day, whatever the number of rounds", async () => {
    const first = await checkAuditChains(t.db, day("2026-12-01"));
    expect(first).toEqual({ ran: true, chains: 2, broken: [] });
    expect(await checkAuditChains(t.db, day("2026-12-01"))).toMatchObject({ ran: false });
    expect(await checkAuditChains(t.db, day("2026-12-02"))).toMatchObject({ ran: true, broken: [] });
    const checks = (await platformRows()).filter((r) => r.action === "audit.chains_checked");
    expect(checks.map((r) => r.detail)).toEqual([{ counties: 1 }, { counties: 1 }]);
  });
});

// Changing a row needs the owner with the trigger off: only possible on a real server.
describe.each(testDrivers().filter((d) => d === "postgres"))("tampered audit chains on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    ({ t, tenantId } = await withCounty(driver));
    await checkAuditChains(t.db, day("2026-12-01"));
  });
  afterAll(() => t.drop());

  it("names the first row changed behind the app's back, and raises an incident for it", async () => {
    const ctx = { actor: null, ip: null, clock: systemClock };
    await t.db.withTenant(tenantId, (tx) => recordAudit(tx, ctx, { action: "auth.signed_out" }));
    await t.asOwner(async (owner) => {
      await owner.begin(async (q) => {
        await q`alter table platform_audit_log disable trigger platform_audit_log_append_only`;
        await q`update platform_audit_log set detail = '{"counties":0}' where action = 'audit.chains_checked'`;
        await q`alter table platform_audit_log enable trigger platform_audit_log_append_only`;
        // SET LOCAL, not set_config: Citus ships it to the shard's node with the transaction.
        await q.unsafe(`set local app.tenant_id = '${tenantId}'`);
        await q`alter table audit_log disable trigger audit_log_append_only`;
        await q`update audit_log set action = 'auth.nothing_happened' where tenant_id = ${tenantId} and seq = 1`;
        await q`alter table audit_log enable trigger audit_log_append_only`;
      });
    });
    const [checked] = await t.db.withoutTenant((tx) =>
      tx.select().from(platformAuditLog).where(eq(platformAuditLog.action, "audit.chains_checked")),
    );
    expect(await t.db.withoutTenant((tx) => verifyPlatformAuditChain(tx))).toEqual([checked!.seq]);
    expect(await t.db.withTenant(tenantId, (tx) => verifyAuditChain(tx))).toEqual([1]);

    const check = await checkAuditChains(t.db, day("2026-12-03"));
    expect(check.broken).toEqual([
      { tenantId: null, firstSeq: checked!.seq, rows: 1 },
      { tenantId, firstSeq: 1, rows: 1 },
    ]);
    const incidents = await t.db.withoutTenant((tx) =>
      tx.select().from(platformAuditLog).where(eq(platformAuditLog.action, "audit.chain_broken")),
    );
    expect(incidents.map((r) => [r.tenantId, r.detail])).toEqual([
      [null, { firstSeq: checked!.seq, rows: 1 }],
      [tenantId, { firstSeq: 1, rows: 1 }],
    ]);
  });
});
