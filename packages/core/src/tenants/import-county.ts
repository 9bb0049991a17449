import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { type AppTx, type Database, selectRows } from "@rdlink/db";
import { sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import type { AuditContext } from "../shared/context";
import {
  type ArchiveManifest,
  CountyArchiveError,
  sha256OfFile,
  tableEntryPath,
  unpackArchive,
} from "./county-archive";
import { countyRowLines, referencedAccountLines } from "./county-rows";
import { type CountyTable, countyTablesParentsFirst, platformTable, quoted } from "./county-tables";

/**
 * Tables whose rows the database numbers as they arrive (the audit log's chain trigger sets
 * seq, prev_hash and hash): loaded in that number's order, they get the same numbers and hashes.
 */
const ARRIVAL_ORDER: Record<string, string> = { audit_log: "seq" };

type Row = Record<string, unknown>;

export type ImportSummary = { tenantId: string; name: string; rows: number; files: number };

/**
 * Loads a county archive (see county-archive.ts) into this deployment, which must not hold the
 * county yet: checked whole before anything is written, loaded in one transaction in the foreign
 * keys' order, then read back and compared with the archive's checksums (the audit log's chain is
 * recomputed by its trigger as it loads, so this also proves the chain came through intact).
 * Photos are copied into the files folder before the commit and removed again if it fails.
 */
export async function importCounty(
  db: Database,
  ctx: AuditContext,
  archivePath: string,
  options: { filesDirectory: string },
): Promise<ImportSummary> {
  const staging = await mkdtemp(path.join(os.tmpdir(), "rdlink-import-"));
  const written: string[] = [];
  try {
    const manifest = await unpackArchive(archivePath, staging);
    const entry = (entryPath: string) => manifest.entries.find((e) => e.path === entryPath);
    return await db.withTenant(manifest.county.id, async (tx) => {
      const [county] = await readRows(path.join(staging, "county.json"));
      const people = await readRows(path.join(staging, "users.jsonl"));
      const standIns = await readRows(path.join(staging, "other-accounts.jsonl"));
      refuseForeignAccounts(tx.tenantId, county, people, standIns);
      await refuseIfPresent(tx, String(county!.division_code), people);
      const accounts = await platformTable(tx, "users");
      await insertRows(tx, await platformTable(tx, "tenants"), [county!]);
      await insertRows(tx, accounts, people);
      // Stand-ins for accounts this deployment already has (same id) are not loaded again.
      if (standIns.length > 0) await insertRows(tx, accounts, standIns, sql`on conflict (id) do nothing`);
      const tables = await countyTablesParentsFirst(tx);
      const archived = manifest.entries.filter((e) => e.path.startsWith("tables/")).map((e) => e.path);
      const local = tables.map((table) => tableEntryPath(table.name));
      if (archived.length !== local.length || local.some((p) => !archived.includes(p))) {
        throw new CountyArchiveError("归档的数据表与本平台不一致：请在相同版本的平台上导入。");
      }
      let rows = 0;
      for (const table of tables) {
        rows += await insertFile(tx, table, path.join(staging, tableEntryPath(table.name)));
      }
      await compareWithArchive(tx, manifest, tables);
      const photos = manifest.entries.filter((e) => e.path.startsWith("files/"));
      await mkdir(options.filesDirectory, { recursive: true, mode: 0o750 });
      for (const photo of photos) {
        const target = path.join(options.filesDirectory, path.basename(photo.path));
        const existing = await stat(target).catch(() => null);
        if (existing) {
          if ((await sha256OfFile(target)).sha256 === photo.sha256) continue;
          throw new CountyArchiveError(`文件目录中已有同名而内容不同的文件：${path.basename(photo.path)}`);
        }
        await copyFile(path.join(staging, photo.path), target);
        written.push(target);
      }
      await recordPlatformAudit(tx, ctx, {
        action: "tenant.imported",
        objectType: "tenant",
        objectId: tx.tenantId,
        tenantId: tx.tenantId,
        detail: { rows, files: photos.length, exportedAt: manifest.exportedAt, users: entry("users.jsonl")?.rows ?? 0 },
      });
      return { tenantId: tx.tenantId, name: manifest.county.name, rows, files: photos.length };
    });
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The checksums prove an archive unchanged only against its own manifest, which anyone can rewrite:
 * so nothing in it may reach beyond the county — no account homed elsewhere or with a platform
 * role, no stand-in that could sign in.
 */
function refuseForeignAccounts(tenantId: string, county: Row | undefined, people: Row[], standIns: Row[]) {
  if (county?.id !== tenantId) throw new CountyArchiveError("归档的区县与清单不符，未导入。");
  const foreign = [
    ...people.filter((user) => user.home_tenant_id !== tenantId || user.platform_role != null),
    ...standIns.filter(
      (user) => user.home_tenant_id != null || user.platform_role != null || user.password_hash != null,
    ),
  ];
  if (foreign.length > 0) {
    throw new CountyArchiveError(
      `归档中有不属于该区县的账号：${foreign.map((user) => String(user.username)).join("、")}`,
    );
  }
}

async function refuseIfPresent(tx: AppTx & { tenantId: string }, divisionCode: string, people: Row[]) {
  const [present] = await selectRows<{ name: string }>(
    tx,
    sql`select name from tenants where id = ${tx.tenantId} or division_code = ${divisionCode}`,
  );
  if (present) throw new CountyArchiveError(`本平台已有${present.name}，不能再导入一次。`);
  const usernames = people.map((user) => String(user.username));
  const taken = await selectRows<{ username: string }>(
    tx,
    sql`select username from users where username in (select jsonb_array_elements_text(${JSON.stringify(usernames)}::jsonb))`,
  );
  if (taken.length > 0) {
    throw new CountyArchiveError(`本平台已有同名账号：${taken.map((user) => user.username).join("、")}`);
  }
}

async function* lines(file: string): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.length > 0) yield line;
  }
}

async function readRows(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const line of lines(file)) rows.push(JSON.parse(line) as Row);
  return rows;
}

type Target = Pick<CountyTable, "name" | "columns" | "types">;

/** A cell as the text PostgreSQL reads for its column's type: arrays as array literals, jsonb as JSON. */
function cellText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type.endsWith("[]")) {
    const items = (value as unknown[]).map((item) =>
      item === null ? "NULL" : `"${String(item).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`,
    );
    return `{${items.join(",")}}`;
  }
  return type === "jsonb" ? JSON.stringify(value) : String(value);
}

/**
 * Plain multi-row VALUES, each cell a parameter cast to its column's type: Citus routes such an
 * INSERT to the county's shard, where INSERT … SELECT would go through COPY, which RLS refuses.
 */
async function insertRows(tx: AppTx, table: Target, rows: Row[], onConflict = sql``) {
  const columns = table.columns.map(quoted).join(", ");
  const cells = (row: Row) =>
    sql.join(
      table.columns.map((column, i) => sql`${cellText(row[column], table.types[i]!)}::${sql.raw(table.types[i]!)}`),
      sql`, `,
    );
  // Well under PostgreSQL's 65,535 parameters per statement.
  const batch = Math.max(1, Math.min(500, Math.floor(20_000 / table.columns.length)));
  for (let start = 0; start < rows.length; start += batch) {
    const values = rows.slice(start, start + batch).map((row) => sql`(${cells(row)})`);
    await tx.execute(
      sql`insert into ${sql.raw(quoted(table.name))} (${sql.raw(columns)}) values ${sql.join(values, sql`, `)} ${onConflict}`,
    );
  }
}

async function insertFile(tx: AppTx, table: CountyTable, file: string) {
  let rows = await readRows(file);
  if (table.selfReferences.length > 0) rows = referencedFirst(rows, table.selfReferences);
  const arrival = ARRIVAL_ORDER[table.name];
  if (arrival) rows.sort((a, b) => Number(a[arrival]) - Number(b[arrival]));
  await insertRows(tx, table, rows);
  return rows.length;
}

/** Rows a row of the same table refers to (a case merged into another) go in before it. */
function referencedFirst(rows: Row[], references: CountyTable["selfReferences"]): Row[] {
  const keyOf = (row: Row, columns: string[]) => JSON.stringify(columns.map((column) => row[column] ?? null));
  const byKey = references.map(
    (reference) => new Map(rows.map((candidate) => [keyOf(candidate, reference.referenced), candidate])),
  );
  const depth = new Map<Row, number>();
  const depthOf = (row: Row, seen: Set<Row>): number => {
    const known = depth.get(row);
    if (known !== undefined) return known;
    let deepest = 0;
    for (const [index, reference] of references.entries()) {
      if (reference.columns.some((column) => row[column] == null)) continue;
      const parent = byKey[index]!.get(keyOf(row, reference.columns));
      if (parent && parent !== row && !seen.has(parent)) {
        deepest = Math.max(deepest, depthOf(parent, new Set([...seen, row])) + 1);
      }
    }
    depth.set(row, deepest);
    return deepest;
  };
  return rows
    .map((row, index) => ({ row, index, depth: depthOf(row, new Set()) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map(({ row }) => row);
}

/** Reads every loaded table back as the export wrote it: the same bytes, or the import is undone. */
async function compareWithArchive(tx: AppTx & { tenantId: string }, manifest: ArchiveManifest, tables: CountyTable[]) {
  const owners = [
    { path: "county.json", table: { name: "tenants", primaryKey: ["id"] }, column: "id" },
    { path: "users.jsonl", table: { name: "users", primaryKey: ["id"] }, column: "home_tenant_id" },
    ...tables.map((table) => ({ path: tableEntryPath(table.name), table, column: "tenant_id" })),
  ];
  const standIns = createHash("sha256");
  for (const line of await referencedAccountLines(tx, tables, tx.tenantId)) standIns.update(`${line}\n`);
  if (standIns.digest("hex") !== manifest.entries.find((e) => e.path === "other-accounts.jsonl")?.sha256) {
    throw new CountyArchiveError("other-accounts.jsonl 导入后与归档不一致，导入已撤销。");
  }
  for (const owner of owners) {
    const hash = createHash("sha256");
    for await (const line of countyRowLines(tx, owner.table, { column: owner.column, id: tx.tenantId })) {
      hash.update(`${line}\n`);
    }
    const expected = manifest.entries.find((e) => e.path === owner.path)?.sha256;
    if (hash.digest("hex") !== expected) {
      throw new CountyArchiveError(`${owner.path} 导入后与归档不一致，导入已撤销。`);
    }
  }
}
