import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { selectRows, UnsafeDatabaseRoleError } from "./database";
import { GLOBAL_TABLES } from "./global-tables";
import { openPostgres } from "./open-database";
import { createTestDatabase, type TestDatabase, testDrivers } from "./testing";

/** Objects an extension brings (Citus puts its views in public): the extension's, not ours. */
const partOfAnExtension = (oid: ReturnType<typeof sql>) =>
  sql`exists (select 1 from pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

type TableInfo = {
  name: string;
  rls: boolean;
  forced: boolean;
  tenantIdNotNull: boolean | null;
};

describe.each(testDrivers())("schema catalog on %s", (driver) => {
  let t: TestDatabase;
  let tables: TableInfo[];
  const query = <T>(q: ReturnType<typeof sql>) => t.db.withoutTenant((tx) => selectRows<T>(tx, q));

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tables = await query<TableInfo>(sql`
      select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        (select a.attnotnull from pg_attribute a
          where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "tenantIdNotNull"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`);
  });
  afterAll(() => t.drop());

  const tenantTables = () => tables.filter((table) => !(GLOBAL_TABLES as readonly string[]).includes(table.name));

  it("knows every global table it allows", () => {
    const names = tables.map((table) => table.name);
    for (const global of GLOBAL_TABLES) expect(names).toContain(global);
    expect(tenantTables().length).toBeGreaterThanOrEqual(9);
  });

  it("gives every tenant table a NOT NULL tenant_id and forced row-level security", () => {
    const offenders = tenantTables()
      .filter((table) => !table.tenantIdNotNull || !table.rls || !table.forced)
      .map((table) => table.name);
    expect(offenders).toEqual([]);
  });

  it("guards every tenant table with a policy on app.tenant_id with USING and WITH CHECK", async () => {
    const policies = await query<{ table: string; qual: string | null; check: string | null; cmd: string }>(sql`
      select c.relname as table, pg_get_expr(p.polqual, p.polrelid) as qual,
        pg_get_expr(p.polwithcheck, p.polrelid) as check, p.polcmd as cmd
      from pg_policy p join pg_class c on c.oid = p.polrelid`);
    for (const table of tenantTables()) {
      const guarded = policies.filter(
        (p) =>
          p.table === table.name &&
          p.cmd === "*" &&
          p.qual?.includes("app.tenant_id") &&
          p.qual.includes("tenant_id =") &&
          p.check?.includes("app.tenant_id"),
      );
      expect(guarded, `policy on ${table.name}`).toHaveLength(1);
    }
  });

  it("has no other policy than the worker's scan of due timers, messages, webhook deliveries and calendar years, and the library's proposals", async () => {
    const policies = await query<{
      table: string;
      name: string;
      cmd: string;
      roles: string[];
      qual: string | null;
    }>(sql`
      select c.relname as table, p.polname as name, p.polcmd as cmd,
        array(select rolname::text from pg_roles where oid = any(p.polroles)) as roles,
        pg_get_expr(p.polqual, p.polrelid) as qual
      from pg_policy p join pg_class c on c.oid = p.polrelid
      where p.polname <> 'tenant_isolation' order by c.relname`);
    expect(policies).toEqual([
      { table: "calendar_years", name: "worker_year_scan", cmd: "r", roles: ["app_worker"], qual: "true" },
      { table: "case_timers", name: "worker_due_scan", cmd: "r", roles: ["app_worker"], qual: "true" },
      { table: "outbox", name: "worker_due_scan", cmd: "r", roles: ["app_worker"], qual: "true" },
      {
        // A platform table a county writes into: the county sees its own rows, the platform all.
        table: "template_proposals",
        name: "own_county_or_platform",
        cmd: "*",
        roles: [],
        qual: "((COALESCE(current_setting('app.tenant_id'::text, true), ''::text) = ''::text) OR (from_tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid))",
      },
      { table: "webhook_deliveries", name: "worker_due_scan", cmd: "r", roles: ["app_worker"], qual: "true" },
    ]);
    const visible = await query<{ table: string; column: string }>(sql`
      select c.relname as table, a.attname as column
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r'
        and has_column_privilege('app_worker', c.oid, a.attnum, 'SELECT')
      order by 1, 2`);
    // app_user may switch to app_worker but never inherits its policies.
    const [appUser] = await query<{ inherit: boolean }>(
      sql`select rolinherit as inherit from pg_roles where rolname = 'app_user'`,
    );
    expect(appUser).toEqual({ inherit: false });
    expect(visible).toEqual([
      { table: "calendar_years", column: "tenant_id" },
      { table: "calendar_years", column: "year" },
      { table: "case_timers", column: "due_at" },
      { table: "case_timers", column: "failed_at" },
      { table: "case_timers", column: "next_attempt_at" },
      { table: "case_timers", column: "tenant_id" },
      { table: "outbox", column: "next_attempt_at" },
      { table: "outbox", column: "status" },
      { table: "outbox", column: "tenant_id" },
      { table: "webhook_deliveries", column: "next_attempt_at" },
      { table: "webhook_deliveries", column: "status" },
      { table: "webhook_deliveries", column: "tenant_id" },
    ]);
  });

  it("puts tenant_id in every primary key, unique constraint and foreign key between tenant tables", async () => {
    const constraints = await query<{
      table: string;
      name: string;
      type: string;
      columns: string[];
      target: string | null;
    }>(sql`
      select c.relname as table, k.conname as name, k.contype as type, t.relname as target,
        array(select a.attname::text from unnest(k.conkey) col join pg_attribute a
          on a.attrelid = k.conrelid and a.attnum = col) as columns
      from pg_constraint k join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_class t on t.oid = k.confrelid
      where n.nspname = 'public' and k.contype in ('p', 'u', 'f')`);
    const isTenantTable = (name: string | null) => tenantTables().some((table) => table.name === name);
    const missing = constraints.filter((k) => {
      if (!isTenantTable(k.table)) return false;
      if (k.type === "f" && !isTenantTable(k.target)) return false; // tenant → platform reference: allowed
      return !k.columns.includes("tenant_id");
    });
    expect(missing.map((k) => k.name)).toEqual([]);
    for (const table of tenantTables()) {
      expect(
        constraints.some((k) => k.table === table.name && k.type === "p"),
        `${table.name} has a primary key`,
      ).toBe(true);
    }
    const globalToTenant = constraints.filter(
      (k) => k.type === "f" && !isTenantTable(k.table) && isTenantTable(k.target),
    );
    expect(globalToTenant.map((k) => k.name)).toEqual([]);
  });

  it("lets app_user neither bypass RLS nor own anything, and only append to the audit log", async () => {
    await expect(t.db.assertRolesCannotBypassRls()).resolves.toBeUndefined();
    const [grants] = await query<{ update: boolean; delete: boolean; insert: boolean }>(sql`
      select has_table_privilege('app_user', 'audit_log', 'UPDATE') as update,
             has_table_privilege('app_user', 'audit_log', 'DELETE') as delete,
             has_table_privilege('app_user', 'audit_log', 'INSERT') as insert`);
    // DELETE only for offboarding, let through by the append-only trigger for a county marked deleted.
    expect(grants).toEqual({ update: false, delete: true, insert: true });
  });

  it("guards every DELETE the app role may run on a county table it could not delete from before", async () => {
    // Each county table is deletable by the app role (offboarding) and, where rows were never to be
    // deleted, guarded by a trigger that lets a DELETE through only for a county marked deleted.
    const unguarded = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
        and c.relname <> 'platform_audit_log'
        and not has_table_privilege('app_user', c.oid, 'DELETE')`);
    expect(unguarded).toEqual([]);
    const guarded = await query<{ name: string }>(sql`
      select tgrelid::regclass::text as name from pg_trigger
      where tgname like '%_deleted_only_with_county' or tgname = 'audit_log_append_only' order by 1`);
    expect(guarded.map((row) => row.name)).toEqual(
      expect.arrayContaining(["audit_log", "case_events", "cases", "users", "workflow_versions"]),
    );
  });

  it("has no view or function that runs with its owner's rights", async () => {
    const definers = await query<{ name: string }>(sql`
      select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef and not ${partOfAnExtension(sql`p.oid`)}`);
    const views = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'v'
        and not coalesce(c.reloptions @> array['security_invoker=true'], false)
        and not ${partOfAnExtension(sql`c.oid`)}`);
    expect([...definers, ...views]).toEqual([]);
  });
});

// PGlite has no login roles; on PostgreSQL the login role itself is checked too.
describe.each(testDrivers().filter((driver) => driver === "postgres"))("role check on %s", () => {
  it("refuses to serve through a login role that bypasses RLS", async () => {
    const superuser = await openPostgres({ url: inject("pgAdminUrl")!, max: 1 });
    try {
      await expect(superuser.assertRolesCannotBypassRls()).rejects.toThrow(UnsafeDatabaseRoleError);
    } finally {
      await superuser.close();
    }
  });
});
