import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "@rdlink/db";
import * as tar from "tar";
import { z } from "zod";

/**
 * One county's whole data as one `.tar.gz`: `manifest.json`, `county.json` (its tenants row),
 * `users.jsonl` (the accounts whose home it is), `other-accounts.jsonl` (stand-ins for the platform
 * accounts its rows name, see referencedAccountLines), `tables/<table>.jsonl` (every county table, one
 * row per line as PostgreSQL's `to_jsonb` writes it, in primary-key order) and `files/<name>` (its
 * photos). The manifest lists every entry with its SHA-256, tables in the order they load in.
 */
export const ARCHIVE_FORMAT = "rdlink-county-archive/1";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);
const ZEntryPath = z
  .string()
  .regex(/^(county\.json|users\.jsonl|other-accounts\.jsonl|tables\/[a-z_][a-z0-9_]*\.jsonl|files\/[A-Za-z0-9._-]+)$/);

export const ZArchiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  /** The last migration of the deployment that wrote it: an archive loads into the same schema. */
  schema: z.string(),
  exportedAt: z.iso.datetime(),
  county: z.object({ id: z.uuid(), divisionCode: z.string(), name: z.string() }),
  entries: z.array(
    z.object({
      path: ZEntryPath,
      sha256: ZSha256,
      bytes: z.number().int().nonnegative(),
      /** For tables and users: how many rows. */
      rows: z.number().int().nonnegative().optional(),
    }),
  ),
  /** Files the county's rows name that were not on disk when it was exported. */
  missingFiles: z.array(z.string()),
});
export type ArchiveManifest = z.infer<typeof ZArchiveManifest>;
export type ArchiveEntry = ArchiveManifest["entries"][number];

/** A refused archive, in the operator's language (the import runs from a console). */
export class CountyArchiveError extends Error {}

export const tableEntryPath = (table: string) => `tables/${table}.jsonl`;

/** The schema this deployment runs: the newest migration's tag. */
export async function currentSchemaTag(): Promise<string> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)!.tag;
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** Packs a staged directory (entries already written) with its manifest into `archivePath`. */
export async function packArchive(staging: string, manifest: ArchiveManifest, archivePath: string) {
  await writeFile(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await tar.create({ gzip: true, file: archivePath, cwd: staging, portable: true }, [
    "manifest.json",
    ...manifest.entries.map((entry) => entry.path),
  ]);
}

/**
 * Unpacks an archive into `staging` and checks it before anything is loaded: a manifest of this
 * format and schema, every listed entry present with its checksum, nothing unlisted, nothing but
 * plain files (no links, no paths out of the folder).
 */
export async function unpackArchive(archivePath: string, staging: string): Promise<ArchiveManifest> {
  const refused: string[] = [];
  try {
    await tar.extract({
      file: archivePath,
      cwd: staging,
      strict: true,
      filter: (entryPath, entry) => {
        const plain = "type" in entry ? entry.type === "File" || entry.type === "Directory" : true;
        if (!plain || entryPath.includes("..") || path.isAbsolute(entryPath)) refused.push(entryPath);
        return plain;
      },
    });
  } catch (error) {
    throw new CountyArchiveError(`无法读取归档文件：${(error as Error).message}`);
  }
  if (refused.length > 0) throw new CountyArchiveError(`归档中有不允许的条目：${refused.join("、")}`);
  let manifest: ArchiveManifest;
  try {
    manifest = ZArchiveManifest.parse(JSON.parse(await readFile(path.join(staging, "manifest.json"), "utf8")));
  } catch {
    throw new CountyArchiveError("归档缺少有效的清单（manifest.json），不是本平台导出的县区数据。");
  }
  const schema = await currentSchemaTag();
  if (manifest.schema !== schema) {
    throw new CountyArchiveError(
      `归档的数据库版本为 ${manifest.schema}，本平台为 ${schema}：请在相同版本的平台上导入。`,
    );
  }
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  const present = (await readdir(staging, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(staging, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((entryPath) => entryPath !== "manifest.json");
  const unlisted = present.filter((entryPath) => !listed.has(entryPath));
  if (unlisted.length > 0) throw new CountyArchiveError(`归档中有清单未列出的文件：${unlisted.join("、")}`);
  for (const entry of manifest.entries) {
    if (!present.includes(entry.path)) throw new CountyArchiveError(`归档缺少 ${entry.path}`);
    const actual = await sha256OfFile(path.join(staging, entry.path));
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
      throw new CountyArchiveError(`${entry.path} 的校验和与清单不符：归档已损坏或被改动。`);
    }
  }
  return manifest;
}
