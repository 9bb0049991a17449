import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "./database";
import * as s from "./schema";
import { type TestDatabase, testDrivers } from "./testing";
import { databaseError, openTwoTenants, type Seeded } from "./testing/two-tenants";

// The other doors into tenant data: the append-only audit log, the worker's scan role, the tenant id.
describe.each(testDrivers())("audit log, worker scan and tenant ids on %s", (driver) => {
  let t: TestDatabase;
  let a: Seeded;
  let b: Seeded;

  beforeAll(async () => {
    ({ t, a, b } = await openTwoTenants(driver));
  });
  afterAll(() => t.drop());

  it("keeps the audit log append-only and hash-chained", async () => {
    // No UPDATE at all; a DELETE (granted for offboarding) is refused by the trigger while the county lives.
    for (const [change, refusal] of [
      [sql`update audit_log set action = 'changed'`, /permission denied/],
      [sql`delete from audit_log`, /audit_log is append-only/],
    ] as const) {
      const error = await t.db.withTenant(a.tenantId, (tx) => tx.execute(change)).catch((e: unknown) => e);
      expect(databaseError(error)).toMatchObject({ code: "42501", message: expect.stringMatching(refusal) });
    }
    const rows = await t.db.withTenant(a.tenantId, async (tx) => {
      await tx.insert(s.auditLog).values({ action: "test.second" });
      return tx.select().from(s.auditLog).orderBy(s.auditLog.seq);
    });
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets the worker's scan role see only which tenant has something due, and read nothing else", async () => {
    const due = await t.db.withWorkerScan((tx) =>
      selectRows<{ tenant_id: string }>(
        tx,
        // "Now" as the product passes it, never the server's now(): the two clocks may differ.
        sql`select distinct tenant_id from case_timers where due_at <= ${new Date().toISOString()}::timestamptz`,
      ),
    );
    expect(due.map((r) => r.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
    for (const forbidden of [
      sql`select id, case_id from case_timers`,
      sql`select payload from outbox`,
      sql`select * from cases`,
    ]) {
      const error = await t.db.withWorkerScan((tx) => tx.execute(forbidden)).catch((e: unknown) => e);
      expect(databaseError(error)).toMatchObject({ code: "42501" });
    }
  });

  it("rejects a tenant id that is not a uuid before touching the database", async () => {
    await expect(t.db.withTenant("'; drop table tenants; --", async () => 1)).rejects.toThrow(/Not a tenant id/);
  });
});
