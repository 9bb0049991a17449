import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "./database";
import * as s from "./schema";
import { type TestDatabase, testDrivers } from "./testing";
import { databaseError, foreignInserts, openTwoTenants, type Seeded } from "./testing/two-tenants";

// Row-level security on every tenant table: what one county's transaction sees and may write.
describe.each(testDrivers())("tenant isolation on %s", (driver) => {
  let t: TestDatabase;
  let a: Seeded;
  let b: Seeded;
  let tenantTables: string[];

  beforeAll(async () => {
    ({ t, a, b, tenantTables } = await openTwoTenants(driver));
  });
  afterAll(() => t.drop());

  it("covers every tenant table in this test", () => {
    expect(tenantTables.sort()).toEqual(Object.keys(foreignInserts).sort());
  });

  it("shows tenant A only its own rows in an unfiltered select of every tenant table", async () => {
    for (const table of tenantTables) {
      const rows = await t.db.withTenant(a.tenantId, (tx) =>
        selectRows<{ tenant_id: string }>(tx, sql`select tenant_id from ${sql.identifier(table)}`),
      );
      expect(rows.length, `${table} has A's rows`).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.tenant_id === a.tenantId),
        `${table} shows only A`,
      ).toBe(true);
    }
  });

  it("updates and deletes none of B's rows by id from A's transaction", async () => {
    // 0 rows, or no privilege at all for append-only tables: either way B's row stays.
    const affected = (statement: ReturnType<typeof sql>) =>
      t.db
        .withTenant(a.tenantId, (tx) => selectRows(tx, statement))
        .then(
          (rows) => rows.length,
          (error: unknown) => {
            expect(databaseError(error)).toMatchObject({ code: "42501" });
            return 0;
          },
        );
    for (const [table, ids] of Object.entries(b.ids)) {
      const update = sql`update ${sql.identifier(table)} set tenant_id = tenant_id where id = ${ids[0]} returning id`;
      const remove = sql`delete from ${sql.identifier(table)} where id = ${ids[0]} returning id`;
      expect(await affected(update), `update ${table}`).toBe(0);
      expect(await affected(remove), `delete ${table}`).toBe(0);
    }
    const deletedLinks = await t.db.withTenant(a.tenantId, (tx) =>
      selectRows(tx, sql`delete from membership_townships where membership_id = ${b.ids.memberships![0]} returning 1`),
    );
    expect(deletedLinks).toHaveLength(0);
    // B still has every row.
    const stillThere = await t.db.withTenant(b.tenantId, (tx) =>
      selectRows<{ n: number }>(tx, sql`select count(*)::int as n from townships`),
    );
    expect(stillThere[0]!.n).toBe(1);
  });

  it("refuses to insert a row carrying B's tenant_id", async () => {
    for (const [table, insert] of Object.entries(foreignInserts)) {
      const error = await t.db.withTenant(a.tenantId, (tx) => tx.execute(insert(b))).catch((e: unknown) => e);
      expect(databaseError(error), `insert into ${table}`).toMatchObject({ code: "42501" });
    }
  });

  it("shows no tenant row when no tenant is set", async () => {
    for (const table of tenantTables) {
      const rows = await t.db.withoutTenant((tx) =>
        selectRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`),
      );
      expect(rows[0]!.n, table).toBe(0);
    }
  });

  it("does not carry the tenant over to the next transaction on the same connection", async () => {
    await t.db.withTenant(a.tenantId, (tx) => tx.select().from(s.townships));
    for (let i = 0; i < 5; i++) {
      const rows = await t.db.withoutTenant((tx) => tx.select().from(s.townships));
      expect(rows).toHaveLength(0);
    }
  });
});
