import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitWithNextStatement, selectRows } from "./database";
import { tenants } from "./schema";
import { createTestDatabase, type TestDatabase, testDrivers } from "./testing";
import { socketWritesDuring } from "./testing/socket-writes";

/**
 * Decision 0046: a transaction whose owner says its work ends with its last statement may have that
 * statement carry the COMMIT (our postgres.js patch writes both at once). On PGlite nothing is
 * pipelined, and the same work commits as any other transaction.
 */
describe.each(testDrivers())("the last statement carrying the COMMIT on %s", (driver) => {
  let t: TestDatabase;
  const tenantId = randomUUID();
  const pipelined = driver === "postgres";

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await t.db.withoutTenant((tx) =>
      tx
        .insert(tenants)
        .values({ id: tenantId, divisionCode: "990201", name: "县", provinceName: "省", cityName: "市" }),
    );
  });
  afterAll(() => t.drop());

  /** A county's calendar year: (county, year) is its key. */
  const insert = (x: number) =>
    sql`insert into calendar_years (tenant_id, year, status, created_at) values (${tenantId}, ${x}, 'official', now())`;
  const kept = async () =>
    (
      await t.db.withTenant(tenantId, (tx) =>
        selectRows<{ x: number }>(
          tx,
          sql`select year as x from calendar_years where tenant_id = ${tenantId} order by year`,
        ),
      )
    ).map((row) => row.x);

  /** A transaction that reads, then writes `x` with the COMMIT behind it. */
  const readThenWrite = (x: number) =>
    t.db.withTenant(
      tenantId,
      async (tx) => {
        await selectRows(tx, sql`select count(*) from calendar_years where tenant_id = ${tenantId} and year > ${x}`);
        expect(commitWithNextStatement(tx)).toBe(pipelined);
        await tx.execute(insert(x));
        return "done";
      },
      { endsWithLastStatement: true },
    );

  it("commits what the statement wrote, in one round trip fewer", async () => {
    // The statements are new to the connection at first: each is described before it runs, and the
    // COMMIT waits its turn behind it.
    expect(await readThenWrite(1)).toBe("done");
    // Prepared now. Without the patch: BEGIN, the settings and the read; the insert; COMMIT.
    expect(await socketWritesDuring(() => readThenWrite(2))).toBe(pipelined ? 2 : 0);
    expect(await kept()).toEqual([1, 2]);
  });

  it("keeps nothing of the transaction when that statement fails", async () => {
    const failure = await t.db
      .withTenant(
        tenantId,
        async (tx) => {
          await tx.execute(insert(10));
          commitWithNextStatement(tx);
          await tx.execute(insert(1)); // already there: the key refuses it
        },
        { endsWithLastStatement: true },
      )
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ cause: { code: "23505" } });
    expect(await kept()).toEqual([1, 2]);
  });

  it("refuses a statement sent after it, and says the transaction committed", async () => {
    let refused: unknown;
    const failure = await t.db
      .withTenant(
        tenantId,
        async (tx) => {
          commitWithNextStatement(tx);
          await tx.execute(insert(20));
          refused = await tx.execute(insert(21)).catch((error: unknown) => error);
          throw refused;
        },
        { endsWithLastStatement: true },
      )
      .catch((error: unknown) => error);
    if (pipelined) {
      expect(refused).toMatchObject({ cause: { code: "COMMIT_SENT" } });
      expect(failure).toMatchObject({ code: "COMMITTED_THEN_FAILED" });
      expect(await kept()).toEqual([1, 2, 20]);
    } else {
      expect(await kept()).toEqual([1, 2]); // PGlite ran both and rolled back on the work's failure
    }
  });

  it("does nothing where the owner did not say the work ends with it", async () => {
    const writes = await socketWritesDuring(() =>
      t.db.withTenant(tenantId, async (tx) => {
        expect(commitWithNextStatement(tx)).toBe(false);
        await tx.execute(insert(30));
        await tx.execute(insert(31));
      }),
    );
    expect(writes).toBe(pipelined ? 3 : 0);
    expect(await kept()).toEqual(pipelined ? [1, 2, 20, 30, 31] : [1, 2, 30, 31]);
  });
});
