import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { assertCan } from "@rdlink/auth";
import { type Database, files, type TenantTx, tenants } from "@rdlink/db";
import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import { isStoredImageName } from "../files/store-image";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import {
  ARCHIVE_FORMAT,
  type ArchiveEntry,
  type ArchiveManifest,
  currentSchemaTag,
  packArchive,
  sha256OfFile,
  tableEntryPath,
} from "./county-archive";
import { countyRowLines, referencedAccountLines } from "./county-rows";
import { countyTablesParentsFirst } from "./county-tables";

async function* toAsync(lines: string[]) {
  yield* lines;
}

/** Writes lines to a file of the staging folder, hashing as it goes. */
async function writeLines(staging: string, entryPath: string, lines: AsyncIterable<string>): Promise<ArchiveEntry> {
  const target = path.join(staging, entryPath);
  await mkdir(path.dirname(target), { recursive: true });
  const out = createWriteStream(target);
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  for await (const line of lines) {
    const chunk = Buffer.from(`${line}\n`);
    hash.update(chunk);
    bytes += chunk.length;
    rows += 1;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { path: entryPath, sha256: hash.digest("hex"), bytes, rows };
}

/**
 * A platform operator exports a county's whole data as one archive (see county-archive.ts):
 * every county table read from the catalog, its accounts, its photos, with checksums. One
 * repeatable-read transaction, so the archive is one consistent moment of the county. Records
 * the export on the county (offboarding asks for one) and in the platform's audit log.
 */
export async function exportCounty(
  db: Database,
  ctx: UseCaseContext,
  input: { tenantId: unknown },
  options: { filesDirectory: string; archivePath: string },
): Promise<ArchiveManifest> {
  assertCan(ctx.actor, "platform.tenants.manage");
  const tenantId = ZId.safeParse(input.tenantId);
  if (!tenantId.success) throw new NotFoundError();
  const staging = await mkdtemp(path.join(os.tmpdir(), "rdlink-export-"));
  try {
    return await db.withTenant(tenantId.data, async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      const [county] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId));
      if (!county) throw new NotFoundError();
      const tables = await countyTablesParentsFirst(tx);
      const owned = (table: { name: string; primaryKey: string[] }, column: string) =>
        countyRowLines(tx, table, { column, id: tx.tenantId });
      const entries: ArchiveEntry[] = [
        await writeLines(staging, "county.json", owned({ name: "tenants", primaryKey: ["id"] }, "id")),
        await writeLines(staging, "users.jsonl", owned({ name: "users", primaryKey: ["id"] }, "home_tenant_id")),
        await writeLines(
          staging,
          "other-accounts.jsonl",
          toAsync(await referencedAccountLines(tx, tables, tx.tenantId)),
        ),
      ];
      for (const table of tables) {
        entries.push(await writeLines(staging, tableEntryPath(table.name), owned(table, "tenant_id")));
      }
      const missingFiles = await copyCountyFiles(tx, options.filesDirectory, staging, entries);
      const exportedAt = ctx.clock.now();
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        schema: await currentSchemaTag(),
        exportedAt: exportedAt.toISOString(),
        county: { id: county.id, divisionCode: county.divisionCode, name: county.name },
        entries,
        missingFiles,
      };
      await packArchive(staging, manifest, options.archivePath);
      const archive = await sha256OfFile(options.archivePath);
      await tx.update(tenants).set({ exportedAt }).where(eq(tenants.id, tx.tenantId));
      const rows = entries.reduce((sum, entry) => sum + (entry.rows ?? 0), 0);
      await recordPlatformAudit(tx, ctx, {
        action: "tenant.exported",
        objectType: "tenant",
        objectId: tx.tenantId,
        tenantId: tx.tenantId,
        detail: {
          rows,
          files: entries.filter((e) => e.path.startsWith("files/")).length,
          ...archive,
          missingFiles: missingFiles.length,
        },
      });
      return manifest;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The county's photos into the staging folder; a row whose file is gone is named, not fatal. */
async function copyCountyFiles(tx: TenantTx, filesDirectory: string, staging: string, entries: ArchiveEntry[]) {
  const stored = await tx
    .select({ storedName: files.storedName })
    .from(files)
    .where(eq(files.tenantId, tx.tenantId))
    .orderBy(files.storedName);
  const missing: string[] = [];
  await mkdir(path.join(staging, "files"), { recursive: true });
  for (const { storedName } of stored) {
    const entryPath = `files/${storedName}`;
    try {
      if (!isStoredImageName(storedName)) throw new Error("not a stored name");
      await copyFile(path.join(filesDirectory, storedName), path.join(staging, entryPath));
    } catch {
      missing.push(storedName);
      continue;
    }
    entries.push({ path: entryPath, ...(await sha256OfFile(path.join(staging, entryPath))) });
  }
  return missing;
}
