import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GLOBAL_TABLES } from "./global-tables";
import { createTestDatabase, type TestDatabase } from "./testing";

// On a Citus cluster (pnpm test:citus): every county's rows of every table on one shard.
describe("distribution on Citus", () => {
  it("runs on a Citus coordinator", () => {
    expect(inject("citus"), "TEST_DATABASE_URL names no Citus coordinator").toBe(true);
  });

  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("distributes every tenant table on tenant_id, all colocated, and copies the platform's tables to every node", async () => {
    const rows = await t.asOwner(
      (owner) => owner<{ name: string; type: string; column: string; colocation: number }[]>`
        select c.relname as name, t.citus_table_type as type, t.distribution_column as column,
               t.colocation_id as colocation
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join citus_tables t on t.table_name = c.oid
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    );
    const platform = rows.filter((r) => (GLOBAL_TABLES as readonly string[]).includes(r.name));
    const tenant = rows.filter((r) => !(GLOBAL_TABLES as readonly string[]).includes(r.name));
    expect(platform.map((r) => [r.name, r.type])).toEqual(platform.map((r) => [r.name, "reference"]));
    expect(tenant.map((r) => [r.name, r.type, r.column])).toEqual(
      tenant.map((r) => [r.name, "distributed", "tenant_id"]),
    );
    expect(new Set(tenant.map((r) => r.colocation)).size).toBe(1);
    expect(tenant.length).toBeGreaterThan(50);
  });
});
