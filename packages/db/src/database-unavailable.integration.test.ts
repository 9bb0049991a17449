import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { selectRows } from "./database";
import { DatabaseUnavailableError } from "./database-unavailable";
import { openPostgres } from "./open-database";
import { createTestDatabase, type TestDatabase } from "./testing";

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("a database nobody answers at", () => {
  it("is a 503 the client may retry, for every kind of transaction, and not ready", async () => {
    const db = await openPostgres({ url: `postgres://nobody@127.0.0.1:${await closedPort()}/none`, max: 1 });
    try {
      for (const attempt of [
        db.withTenant(randomUUID(), (tx) => tx.execute(sql`select 1`)),
        db.withoutTenant((tx) => tx.execute(sql`select 1`)),
        db.withWorkerScan((tx) => tx.execute(sql`select 1`)),
      ]) {
        const error = await attempt.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect(error).toMatchObject({ status: 503, data: "系统繁忙，请稍后再试" });
      }
      expect(await db.ping()).toBe(false);
    } finally {
      await db.close();
    }
  });
});

describe.runIf(inject("pgAdminUrl"))("a PostgreSQL connection cut by the server", () => {
  let t: TestDatabase;
  let admin: postgres.Sql;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    admin = postgres(inject("pgAdminUrl")!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.end({ timeout: 1 });
    await t.drop();
  });

  it("fails the transaction in flight as unavailable, and the next one reconnects", async () => {
    const cut = t.db.withoutTenant(async (tx) => {
      const [backend] = await selectRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      // What a fast shutdown or a failover does to each backend.
      await admin`select pg_terminate_backend(${backend!.pid})`;
      await tx.execute(sql`select 1`);
    });
    await expect(cut).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(await t.db.withoutTenant((tx) => selectRows<{ one: number }>(tx, sql`select 1 as one`))).toEqual([
      { one: 1 },
    ]);
    expect(await t.db.ping()).toBe(true);
  });

  it("leaves a mistake in the query what it is: not a 503", async () => {
    const error = await t.db
      .withoutTenant((tx) => tx.execute(sql`select * from no_such_table`))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DatabaseUnavailableError);
  });
});
