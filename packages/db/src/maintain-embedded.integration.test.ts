import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows } from "./database";
import { createTestDatabase, testDrivers } from "./testing";

/** pg_class.reltuples is -1 until a table is vacuumed or analyzed; the stats view says when. */
const statsOf = (test: Awaited<ReturnType<typeof createTestDatabase>>) =>
  test.db.withoutTenant((tx) =>
    selectRows<{ reltuples: number; vacuumed: boolean; analyzed: boolean }>(
      tx,
      sql`select c.reltuples::float8 as reltuples, s.last_vacuum is not null as vacuumed,
                 s.last_analyze is not null as analyzed
          from pg_class c join pg_stat_all_tables s on s.relid = c.oid where c.relname = 'activity_deputies'`,
    ),
  );

/** VACUUM of the whole schema in PGlite's single process took 36 s on a machine at load 12. */
const VACUUM_TIMEOUT_MS = 120_000;

describe.each(testDrivers())("the embedded database's maintenance on %s", (driver) => {
  it(
    driver === "pglite" ? "vacuums and analyzes, as autovacuum would: PGlite runs none" : "leaves it to autovacuum",
    async () => {
      const test = await createTestDatabase(driver);
      try {
        const [before] = await statsOf(test);
        expect(before).toMatchObject({ reltuples: -1, vacuumed: false, analyzed: false });
        expect(await test.db.maintainEmbedded()).toBe(driver === "pglite");
        const [after] = await statsOf(test);
        if (driver === "pglite") expect(after).toMatchObject({ reltuples: 0, vacuumed: true, analyzed: true });
        else expect(after).toEqual(before);
      } finally {
        await test.drop();
      }
    },
    VACUUM_TIMEOUT_MS,
  );
});
