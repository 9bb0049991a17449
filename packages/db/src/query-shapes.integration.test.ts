import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "./database";
import { QueryShapes } from "./query-shapes";
import { tenants } from "./schema";
import { createTestDatabase, type TestDatabase, testDrivers } from "./testing";
import type { AppTx } from "./types";

describe.each(testDrivers())("a statement built once per shape on %s", (driver) => {
  let t: TestDatabase;
  const ids = [randomUUID(), randomUUID()];
  const made = new Date("2026-03-01T02:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await t.db.withoutTenant((tx) =>
      tx.insert(tenants).values(
        ids.map((id, i) => ({
          id,
          divisionCode: `99000${i}`,
          name: `县${i}`,
          provinceName: "省",
          cityName: "市",
          createdAt: new Date(made.getTime() + i * 60_000),
        })),
      ),
    );
  });
  afterAll(() => t.drop());

  it("builds each shape once and runs it in later transactions with their own values and mapping", async () => {
    const shapes = new QueryShapes("tenant_by_id");
    let built = 0;
    const byId = (id: string, shape = "by id") =>
      t.db.withoutTenant((tx) =>
        shapes.run(
          tx,
          shape,
          () => {
            built++;
            return tx
              .select({ name: tenants.name, createdAt: tenants.createdAt })
              .from(tenants)
              .where(eq(tenants.id, sql.placeholder("id")));
          },
          { id },
        ),
      );

    expect(await byId(ids[0]!)).toEqual([{ name: "县0", createdAt: made }]);
    // Another transaction, another value: the kept text, bound to that transaction, mapped to a Date again.
    const [second] = await byId(ids[1]!);
    expect(second).toEqual({ name: "县1", createdAt: new Date(made.getTime() + 60_000) });
    expect(second!.createdAt).toBeInstanceOf(Date);
    expect(built).toBe(1);
    // A new shape is built anew.
    await byId(ids[0]!, "another shape");
    expect(built).toBe(2);
    expect(shapes.texts()).toHaveLength(2);
  });

  it("refuses a run that leaves a placeholder without its value", async () => {
    const shapes = new QueryShapes("tenant_by_id");
    const run = () =>
      t.db.withoutTenant((tx) =>
        shapes.run(
          tx,
          "by id",
          () =>
            tx
              .select({ name: tenants.name })
              .from(tenants)
              .where(eq(tenants.id, sql.placeholder("id"))),
          {},
        ),
      );
    await expect(run()).rejects.toThrow(/No value for placeholder "id"/);
    await expect(run()).rejects.toThrow(/No value for placeholder "id"/);
  });
});

/**
 * Decision 0043: a query with parameters is prepared on its connection, though drizzle asks
 * postgres.js for an unprepared one. Unprepared, each would cost a round trip to describe its
 * parameters and a planning on every run.
 */
describe.each(testDrivers().filter((driver) => driver === "postgres"))("statements prepared on %s", (driver) => {
  let t: TestDatabase;
  const id = randomUUID();

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await t.db.withoutTenant((tx) =>
      tx.insert(tenants).values({ id, divisionCode: "990001", name: "县", provinceName: "省", cityName: "市" }),
    );
  });
  afterAll(() => t.drop());

  /** The connection's prepared statements whose text names the marker. */
  const preparedNaming = (tx: AppTx, marker: string) =>
    selectRows<{ statement: string; generic_plans: number; custom_plans: number }>(
      tx,
      sql`select statement, generic_plans::int, custom_plans::int from pg_prepared_statements where statement like ${`%${marker}%`}`,
    );

  it("prepares a drizzle query with parameters once per connection, and runs it on a generic plan", async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const rows = await t.db.withoutTenant(async (tx) => {
      const byId = () =>
        tx
          .select({ name: tenants.name })
          .from(tenants)
          .where(eq(tenants.id, id))
          .then((rows) => rows.map((row) => row.name));
      for (let run = 0; run < 8; run++) expect(await byId()).toEqual(["县"]);
      return preparedNaming(tx, '"tenants"."id" = $1');
    });
    expect(rows).toHaveLength(1);
    // Five custom plans, then PostgreSQL's plan cache keeps the generic one: no planning per run.
    expect(rows[0]!.custom_plans + rows[0]!.generic_plans).toBe(8);
    expect(rows[0]!.generic_plans).toBeGreaterThan(0);
  });

  it("leaves a statement without parameters to the simple protocol", async () => {
    const listed = await t.db.withoutTenant(async (tx) => {
      await tx.execute(sql`select 'no parameters here' as marker`);
      return preparedNaming(tx, "no parameters here");
    });
    // The lookup itself has a parameter and is prepared; the statement it looks for is not.
    expect(listed.filter((row) => row.statement.includes("'no parameters here' as marker"))).toEqual([]);
  });
});
