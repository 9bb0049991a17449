import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "./database";
import { READ_ONLY_OUTSIDE_TRANSACTIONS } from "./open-database";
import { tenants } from "./schema";
import { createTestDatabase, type TestDatabase, testDrivers } from "./testing";
import { TEST_APP_ROLE } from "./testing/global-setup";
import { socketWritesDuring } from "./testing/socket-writes";

const tenant = (id: string, code: string) => ({
  id,
  divisionCode: code,
  name: "县",
  provinceName: "省",
  cityName: "市",
});

/** Every transaction declares itself read-write first (decision 0044): on either database, it writes and rolls back as before. */
describe.each(testDrivers())("a transaction's writes on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(() => t.drop());

  it("commits what a transaction writes, and keeps nothing of one that fails", async () => {
    const kept = randomUUID();
    const undone = randomUUID();
    await t.db.withoutTenant((tx) => tx.insert(tenants).values(tenant(kept, "990101")));
    const failure = await t.db
      .withoutTenant(async (tx) => {
        await tx.insert(tenants).values(tenant(undone, "990102"));
        throw new Error("the use case changed its mind");
      })
      .catch((error: unknown) => error);
    expect(failure).toEqual(new Error("the use case changed its mind"));
    const ids = await t.db.withoutTenant((tx) => tx.select({ id: tenants.id }).from(tenants));
    expect(ids.map((row) => row.id)).toEqual([kept]);
  });
});

/**
 * Decision 0044: on PostgreSQL, the app's connections are read-only outside the transactions they
 * open, and on such connections our postgres.js patch writes a transaction's first statements
 * behind its BEGIN instead of waiting for BEGIN's answer.
 */
describe.each(testDrivers().filter((driver) => driver === "postgres"))("BEGIN pipelined on %s", (driver) => {
  let t: TestDatabase;
  const id = randomUUID();

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await t.db.withoutTenant((tx) => tx.insert(tenants).values(tenant(id, "990001")));
    await t.asOwner(
      (owner) =>
        owner.unsafe(
          `create table pipeline_probe (x int); grant select, insert on pipeline_probe to ${TEST_APP_ROLE}`,
        ) as unknown as Promise<unknown>,
    );
  });
  afterAll(() => t.drop());

  it("sends BEGIN, the settings and the first statement in one write: a transaction is two round trips", async () => {
    const lookup = () =>
      t.db.withTenant(id, (tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, id)));
    expect(await lookup()).toEqual([{ name: "县" }]); // the statement prepared on its connection
    // Without the patch: BEGIN; the settings and the lookup; COMMIT.
    expect(await socketWritesDuring(lookup)).toBe(2);
  });

  it("runs what is written behind a BEGIN that fails read-only, so it leaves nothing", async () => {
    const client = postgres(t.appUrl!, { max: 1, onnotice: () => {}, connection: READ_ONLY_OUTSIDE_TRANSACTIONS });
    let insertAnswer: unknown = "not yet answered";
    // postgres.js keeps the letters of `begin`'s options: "begin no such mode" is a syntax error.
    const failure = await client
      .begin("no such mode", async (tx) => {
        insertAnswer = await tx`insert into pipeline_probe values (1)`.catch((error: unknown) => error);
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "42601" }); // BEGIN's syntax error is the one reported
    // The insert went out behind BEGIN, ran on its own, and PostgreSQL refused it as read-only;
    // begin reported its failure only once the transaction's function had settled.
    expect(insertAnswer).toMatchObject({ code: "25006" });
    // The connection serves the next transaction as if nothing had happened.
    const counted = await client.begin(async (tx) => {
      await tx`set transaction read write`;
      return tx`select count(*)::int as n from pipeline_probe`;
    });
    expect(counted).toEqual([{ n: 0 }]);
    await client.end({ timeout: 1 });
  });

  it("sends together what queued behind a statement new to the connection, not one per answer", async () => {
    // A statement text this connection has not prepared: the first run is described first, and the
    // nine sent beside it wait for that answer (as a timer batch's steps do behind a new shape).
    const fresh = sql.raw(`/* ${randomUUID()} */`);
    const batch = () =>
      t.db.withTenant(id, (tx) =>
        Promise.all(
          Array.from({ length: 10 }, (_, i) => selectRows<{ n: number }>(tx, sql`select ${i}::int as n ${fresh}`)),
        ),
      );
    let answers: { n: number }[][] = [];
    const writes = await socketWritesDuring(async () => {
      answers = await batch();
    });
    expect(answers.map(([row]) => row!.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // BEGIN, the settings and the first one's description; its run; the other nine; COMMIT.
    // Without the patch the nine went out one per answer: twelve writes.
    expect(writes).toBe(4);
  });

  it("writes a savepoint with the work behind it: a transaction with one is still two round trips", async () => {
    const nested = () =>
      t.db.withTenant(id, (tx) =>
        tx.transaction((savepoint) => savepoint.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, id))),
      );
    expect(await nested()).toEqual([{ name: "县" }]);
    // Without the patch: BEGIN, the settings and SAVEPOINT; the lookup; COMMIT.
    expect(await socketWritesDuring(nested)).toBe(2);
  });

  it("reports a savepoint that fails with its own error, and what went out behind it changes nothing", async () => {
    const client = postgres(t.appUrl!, { max: 1, onnotice: () => {}, connection: READ_ONLY_OUTSIDE_TRANSACTIONS });
    let savepointFailure: unknown;
    await client
      .begin(async (tx) => {
        await tx`set transaction read write`;
        await tx`select 1 / 0`.catch(() => {}); // from here on the transaction is aborted: SAVEPOINT fails
        savepointFailure = await tx
          .savepoint((savepoint) => savepoint`insert into pipeline_probe values (3)`)
          .catch((error: unknown) => error);
      })
      .catch(() => {});
    expect(savepointFailure).toMatchObject({ code: "25P02" });
    expect((savepointFailure as { query?: string }).query).toMatch(/^savepoint /);
    const counted = await client.begin(async (tx) => {
      await tx`set transaction read write`;
      return tx`select count(*)::int as n from pipeline_probe where x = 3`;
    });
    expect(counted).toEqual([{ n: 0 }]);
    await client.end({ timeout: 1 });
  });

  it("waits for BEGIN's answer on a connection that could write outside a transaction", async () => {
    const client = postgres(t.appUrl!, { max: 1, onnotice: () => {} });
    let ran = false;
    const failure = await client
      .begin("no such mode", async () => {
        ran = true;
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "42601" });
    expect(ran).toBe(false);
    await client.end({ timeout: 1 });
  });

  it("refuses a write outside a transaction, and a Database transaction writes", async () => {
    const client = postgres(t.appUrl!, { max: 1, onnotice: () => {}, connection: READ_ONLY_OUTSIDE_TRANSACTIONS });
    await expect(client`insert into pipeline_probe values (2)`).rejects.toMatchObject({ code: "25006" });
    await client.end({ timeout: 1 });
    const rows = await t.db.withoutTenant((tx) =>
      selectRows<{ read_only: string }>(tx, sql`select current_setting('transaction_read_only') as read_only`),
    );
    expect(rows).toEqual([{ read_only: "off" }]);
  });
});
