import { type AppTx, selectRows } from "@rdlink/db";
import { sql } from "drizzle-orm";
import { type CountyTable, quoted } from "./county-tables";

const PAGE = 2_000;

/**
 * A table's rows of one county as JSON lines, in primary-key order, a page at a time (keyset, so a
 * large county is not held in memory nor re-scanned). PostgreSQL writes each line (`to_jsonb`), so
 * the same rows give the same bytes on any deployment: what the archive's checksums compare.
 */
export async function* countyRowLines(
  tx: AppTx,
  table: { name: string; primaryKey: string[] },
  owner: { column: string; id: string },
): AsyncGenerator<string> {
  const target = quoted(table.name);
  const key = table.primaryKey.map(quoted).join(", ");
  const keyOf = table.primaryKey.map((column) => `r.${quoted(column)}`).join(", ");
  let last: string | null = null;
  for (;;) {
    const after: ReturnType<typeof sql> = last
      ? sql`and (${sql.raw(key)}) > (select ${sql.raw(keyOf)} from jsonb_populate_record(null::${sql.raw(target)}, ${last}::jsonb) r)`
      : sql``;
    const page = await selectRows<{ line: string }>(
      tx,
      sql`select to_jsonb(t)::text as line from ${sql.raw(target)} t
          where ${sql.raw(quoted(owner.column))} = ${owner.id} ${after}
          order by ${sql.raw(key)} limit ${PAGE}`,
    );
    for (const row of page) yield row.line;
    if (page.length < PAGE) return;
    last = page.at(-1)!.line;
  }
}

/**
 * The accounts a county's rows name that are not the county's own (the operator who invited its
 * first admin): what a history needs to show a name, as disabled stand-ins with no password, role
 * or real user name, so an archive never carries a platform account into another deployment.
 */
export async function referencedAccountLines(tx: AppTx, tables: CountyTable[], tenantId: string): Promise<string[]> {
  const named = tables.flatMap((table) =>
    table.userColumns.map(
      (column) =>
        sql`select ${sql.raw(quoted(column))} as id from ${sql.raw(quoted(table.name))} where tenant_id = ${tenantId}`,
    ),
  );
  if (named.length === 0) return [];
  const rows = await selectRows<{ line: string }>(
    tx,
    sql`select (to_jsonb(u) || jsonb_build_object(
          'username', 'archived-' || u.id, 'password_hash', null, 'platform_role', null,
          'password_changed_at', null, 'disabled_at', coalesce(u.disabled_at, u.created_at)))::text as line
        from users u
        where u.id in (${sql.join(named, sql` union `)}) and u.home_tenant_id is distinct from ${tenantId}
        order by u.id`,
  );
  return rows.map((row) => row.line);
}
