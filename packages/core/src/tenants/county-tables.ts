import { type AppTx, GLOBAL_TABLES, selectRows } from "@rdlink/db";
import { type SQL, sql } from "drizzle-orm";

/** A table holding county rows, as the catalog describes it: what export, import and erase need. */
export interface CountyTable {
  name: string;
  /** Stored columns in table order (generated columns are left to the database), and their types. */
  columns: string[];
  types: string[];
  primaryKey: string[];
  /** Foreign keys onto the table itself (a case merged into another): rows must come referenced first. */
  selfReferences: { columns: string[]; referenced: string[] }[];
  /** Columns naming a platform account (who invited, who uploaded): it may be someone else's. */
  userColumns: string[];
}

type CatalogRow = { name: string; columns: string[]; types: string[]; primary_key: string[] | null };
type KeyRow = { child: string; parent: string; columns: string[]; referenced: string[] };

/**
 * Every county table, parents before children by their foreign keys, read from the catalog, so
 * a table added by a migration is exported, imported and erased without anyone listing it. A
 * county table is any table of the public schema with a `tenant_id` that is not a platform table.
 */
export async function countyTablesParentsFirst(tx: AppTx): Promise<CountyTable[]> {
  const catalog = await describeTables(
    tx,
    sql`exists (select 1 from pg_attribute a
    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`,
  );
  const keys = await selectRows<KeyRow>(
    tx,
    sql`
    select child.relname as child, parent.relname as parent,
      array(select a.attname::text from unnest(f.conkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum order by k.position) as columns,
      array(select a.attname::text from unnest(f.confkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum order by k.position) as referenced
    from pg_constraint f
      join pg_class child on child.oid = f.conrelid
      join pg_class parent on parent.oid = f.confrelid
      join pg_namespace n on n.oid = child.relnamespace
    where f.contype = 'f' and n.nspname = 'public'`,
  );
  const platform = new Set<string>(GLOBAL_TABLES);
  const tables = new Map<string, CountyTable>();
  for (const row of catalog) {
    if (platform.has(row.name)) continue;
    if (!row.primary_key?.length) throw new Error(`County table ${row.name} has no primary key`);
    tables.set(row.name, {
      name: row.name,
      columns: row.columns,
      types: row.types,
      primaryKey: row.primary_key,
      selfReferences: [],
      userColumns: [],
    });
  }
  const parentsOf = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set()]));
  for (const key of keys) {
    const child = tables.get(key.child);
    if (child && key.parent === "users" && key.columns.length === 1) child.userColumns.push(key.columns[0]!);
    if (!child || !tables.has(key.parent)) continue;
    if (key.child === key.parent) child.selfReferences.push({ columns: key.columns, referenced: key.referenced });
    else parentsOf.get(key.child)!.add(key.parent);
  }
  // Kahn's order; names break ties, so two exports of the same schema list tables alike.
  const ordered: CountyTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.size) {
    const ready = [...tables.values()].filter(
      (table) => !placed.has(table.name) && [...parentsOf.get(table.name)!].every((parent) => placed.has(parent)),
    );
    if (ready.length === 0) throw new Error("County tables' foreign keys form a cycle");
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

/** Tables of the public schema that `which` selects (over pg_class `c`), as the catalog has them. */
function describeTables(tx: AppTx, which: SQL) {
  return selectRows<CatalogRow>(
    tx,
    sql`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by a.attnum) as columns,
      array(select format_type(a.atttypid, a.atttypmod) from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by a.attnum) as types,
      (select array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, position)
          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.position)
        from pg_index i where i.indrelid = c.oid and i.indisprimary) as primary_key
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and ${which}
    order by c.relname`,
  );
}

/** A platform table's columns and types (the county's tenant row and accounts go in as well). */
export async function platformTable(
  tx: AppTx,
  name: "tenants" | "users",
): Promise<Pick<CountyTable, "name" | "columns" | "types">> {
  const [row] = await describeTables(tx, sql`c.relname = ${name}`);
  return { name, columns: row!.columns, types: row!.types };
}

/** A table name from the catalog, quoted for SQL. */
export const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
