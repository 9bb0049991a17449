import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { z } from "zod";
import { rethrowUnavailable } from "./database-unavailable";
import type { AppTx, DriverName, Schema, TenantTx } from "./types";

const ZTenantId = z.uuid();

type Executor = Pick<PgDatabase<PgQueryResultHKT, Schema>, "execute">;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function selectRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  return rowsOf<T>(await executor.execute(query));
}

export class TenantIdError extends Error {
  constructor(value: unknown) {
    super(`Not a tenant id: ${String(value)}`);
  }
}

export class UnsafeDatabaseRoleError extends Error {}

/**
 * The tenant the policies compare against, until the transaction ends. A SET LOCAL, not
 * set_config: Citus ships SET LOCAL to the workers with the transaction (propagate_set_commands),
 * where the shards' policies read it. The id is a checked uuid, hence the literal.
 */
const tenantSetting = (tenantId: string) => `set local app.tenant_id = '${ZTenantId.parse(tenantId)}'`;

/** The raw postgres.js connection a drizzle transaction runs on (PGlite's has no `unsafe`). */
type RawConnection = { unsafe?(text: string): { simple(): { execute(): Promise<unknown> } } };

/**
 * SET LOCAL commands at their cheapest. On postgres.js: one simple-protocol message (it takes
 * several statements), queued on the connection now (`execute()`: a query is otherwise sent when
 * awaited), ahead of whatever the transaction sends next, so postgres.js writes both in one packet
 * and they come back in one round trip; the promise is its answer, already guarded against going
 * unhandled (were it to fail, postgres.js fails the transaction with its error: the statements
 * after it fail for that reason). PGlite runs in-process, one statement at a time: awaited here,
 * with no answer left to wait for. (The answer is wrapped: a promise resolving to a promise would
 * wait for it.)
 */
async function sendSettings(tx: AppTx, commands: string[]): Promise<{ answer?: Promise<unknown> }> {
  const connection = (tx as unknown as { session: { client: RawConnection } }).session.client;
  if (!connection.unsafe) {
    for (const command of commands) await tx.execute(sql.raw(command));
    return {};
  }
  const answer = connection.unsafe(commands.join("; ")).simple().execute();
  answer.catch(() => {});
  return { answer };
}

/** Transactions whose owner lets the work's last statement carry the COMMIT (`commitWithNextStatement`). */
const endsWithItsLastStatement = new WeakSet<object>();

/** The hook our postgres.js patch adds to a transaction's connection (PGlite's has none). */
type CommitBehind = { commitWithNext?: () => void };

/**
 * Asks that the next statement this transaction sends carry its COMMIT, written with it rather
 * than after its answer: one round trip fewer (decision 0046). Only where the transaction's owner
 * said its work ends with that statement (`withTenant`'s `endsWithLastStatement`), on PostgreSQL;
 * anywhere else it does nothing and returns false. The statement must decide the outcome alone: if
 * it fails, the COMMIT rolls back; if it succeeds, the writes are kept whatever the work does next,
 * so nothing may follow it (another statement is refused, a later failure reported as
 * COMMITTED_THEN_FAILED).
 */
export function commitWithNextStatement(tx: AppTx): boolean {
  if (!endsWithItsLastStatement.has(tx)) return false;
  endsWithItsLastStatement.delete(tx);
  const connection = (tx as unknown as { session: { client: CommitBehind } }).session.client;
  if (!connection.commitWithNext) return false;
  connection.commitWithNext();
  return true;
}

/** What the owner of a transaction promises about its work. */
export type TransactionOptions = {
  /**
   * The work sends nothing after the statement it marks with `commitWithNextStatement` (a step's
   * statement, when the step writes nothing else), so that statement may carry the COMMIT.
   */
  endsWithLastStatement?: boolean;
};

/**
 * Binds a `withoutTenant` transaction to a tenant learned inside it (sign-in learns
 * the county from the account), so the use case stays one transaction.
 */
export async function enterTenant(tx: AppTx, tenantId: string): Promise<TenantTx> {
  if (!ZTenantId.safeParse(tenantId).success) throw new TenantIdError(tenantId);
  await sendSettings(tx, [tenantSetting(tenantId)]);
  return Object.assign(tx, { tenantId }) as TenantTx;
}

/**
 * The way to the data. Every transaction runs as `app_user`, a role that owns nothing
 * and cannot bypass row-level security; `withTenant` also sets the tenant the policies
 * compare against, for this transaction only. A `withoutTenant`
 * transaction sees no tenant's rows until `enterTenant` names one (sign-in, the public pages).
 */
export class Database {
  constructor(
    readonly driver: DriverName,
    private readonly orm: PgDatabase<PgQueryResultHKT, Schema>,
    private readonly onClose: () => Promise<void>,
  ) {}

  withTenant<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!ZTenantId.safeParse(tenantId).success) return Promise.reject(new TenantIdError(tenantId));
    return this.transaction(
      ["set local role app_user", tenantSetting(tenantId)],
      (tx) => work(Object.assign(tx, { tenantId }) as TenantTx),
      options,
    );
  }

  /** Platform tables (tenants, users, sessions …) only: tenant tables show no rows here. */
  withoutTenant<T>(work: (tx: AppTx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.transaction(["set local role app_user"], work, options);
  }

  /**
   * The worker's look across counties at what is due. As app_worker, case_timers and
   * outbox show only their tenant, due time and status columns, and nothing else is readable.
   */
  withWorkerScan<T>(work: (tx: AppTx) => Promise<T>): Promise<T> {
    return this.transaction(["set local role app_worker"], work);
  }

  /**
   * A transaction that starts with SET LOCAL commands (the role, the tenant), sent with its first
   * statement (`sendSettings`): every transaction pays this. Their answer is awaited when the work
   * ends, so that their failure is the one reported.
   */
  private transaction<T>(
    commands: string[],
    work: (tx: AppTx) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    // On PostgreSQL the connections are read-only outside a transaction that says otherwise (open-database.ts).
    const settings = this.driver === "postgres" ? ["set transaction read write", ...commands] : commands;
    return this.orm
      .transaction(async (tx) => {
        if (options.endsWithLastStatement) endsWithItsLastStatement.add(tx);
        const { answer } = await sendSettings(tx as AppTx, settings);
        try {
          return await work(tx as AppTx);
        } finally {
          await answer;
        }
      })
      .catch(rethrowUnavailable);
  }

  /**
   * What autovacuum does on PostgreSQL, for PGlite, which runs no background workers: VACUUM
   * reclaims dead rows and marks pages all-visible (so counts read indexes alone), ANALYZE gives
   * the planner the tables' sizes — without it a county-wide list that takes milliseconds took a
   * second. Run by the worker's hourly housekeeping; on PostgreSQL it does nothing.
   */
  async maintainEmbedded(): Promise<boolean> {
    if (this.driver !== "pglite") return false;
    await this.orm.execute(sql`vacuum (analyze)`);
    return true;
  }

  /**
   * Whether the database answers within `timeoutMs`: for the readiness check, never inside
   * a use case. A server that hangs counts as down as much as one that refuses.
   */
  async ping(timeoutMs = 2000): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answer = this.orm.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Refuses to serve if either the login role or app_user could read across tenants:
   * a superuser or BYPASSRLS role ignores every policy, and an owner can change them.
   */
  async assertRolesCannotBypassRls(): Promise<void> {
    const list = await selectRows<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
      this.orm,
      sql`
      select r.rolname, r.rolsuper, r.rolbypassrls,
        (select count(*) from pg_class c where c.relowner = r.oid)::int
          + (select count(*) from pg_proc p where p.proowner = r.oid)::int
          + (select count(*) from pg_namespace n where n.nspowner = r.oid)::int as owned
      from pg_roles r
      where r.rolname = 'app_user' or (r.rolname = session_user and ${this.driver} = 'postgres')`,
    );
    const appUser = list.find((r) => r.rolname === "app_user");
    if (!appUser) throw new UnsafeDatabaseRoleError("The role app_user does not exist: run the migrations first.");
    for (const role of list) {
      const problems = [
        role.rolsuper && "is a superuser",
        role.rolbypassrls && "has BYPASSRLS",
        role.owned > 0 && `owns ${role.owned} objects`,
      ].filter(Boolean);
      if (problems.length > 0) {
        throw new UnsafeDatabaseRoleError(
          `Refusing to start: database role "${role.rolname}" ${problems.join(", ")}, so it could bypass row-level security. ` +
            "Connect with a login role that is a member of app_user (see infra/postgres/roles.sql).",
        );
      }
    }
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
