import { randomUUID } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { selectRows } from "./database";
import { DatabaseUnavailableError } from "./database-unavailable";
import { openPostgres } from "./open-database";
import { createTestDatabase, type TestDatabase } from "./testing";
import { freePort } from "./testing/free-port";

describe("a database nobody answers at", () => {
  it("is a 503 the client may retry, for every kind of transaction, and not ready", async () => {
    const db = await openPostgres({ url: `postgres://nobody@127.0.0.1:${await freePort()}/none`, max: 1 });
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

  it("survives the connection dying while the driver reads the server's array types", async () => {
    // A proxy that cuts the connection the moment the driver asks for the array types (its
    // first query on a new connection, sent from a socket handler nothing awaits) and then
    // refuses every new one: the server going away at the worst moment. Unpatched, the
    // driver's rejection went unhandled there and ended the process (vitest fails the run on it).
    const target = new URL(t.appUrl!);
    const sockets: Socket[] = [];
    const proxy = createServer((client) => {
      const server = connect(Number(target.port), target.hostname);
      sockets.push(client, server);
      client.on("data", (chunk) => {
        if (chunk.includes("pg_catalog.pg_type")) {
          proxy.close();
          for (const socket of sockets) socket.destroy();
        } else server.write(chunk);
      });
      server.on("data", (chunk) => client.write(chunk));
      client.on("error", () => {});
      server.on("error", () => {});
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const url = new URL(target);
    url.port = String((proxy.address() as { port: number }).port);
    const db = await openPostgres({ url: url.toString(), max: 1 });
    try {
      await expect(db.withoutTenant((tx) => tx.execute(sql`select 1`))).rejects.toBeInstanceOf(
        DatabaseUnavailableError,
      );
    } finally {
      await db.close();
    }
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
