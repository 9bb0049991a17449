import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryShapes } from "./query-shapes";
import { tenants } from "./schema";
import { createTestDatabase, type TestDatabase, testDrivers } from "./testing";

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
