import { lstat, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { type Database, files, tenants } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import type { Clock } from "../clock";
import { incomingDirectoryOf } from "./staged-files";
import { isStoredImageName } from "./store-image";

/** Older than this, a file no row names is not part of a transaction still running. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
/** Ids per query: well under PostgreSQL's limit on bind parameters. */
const CHUNK = 500;

export type SweepReport = { removed: number; published: number };

type OnDisk = { name: string; ageMs: number };

/**
 * Removes photos in the store directory (shared by every county) that no county's `files`
 * row names and that are more than a day old: left by a crash before the staged write
 * (see StagedFiles) or by older versions. Staged files whose row was committed before a
 * crash are moved into place; other staged files go once a day old. Which names are
 * referenced is asked county by county, each through its own withTenant, as the worker does;
 * nothing is removed unless every county answered.
 */
export async function sweepOrphanFiles(db: Database, directory: string, clock: Clock): Promise<SweepReport> {
  const now = clock.now().getTime();
  const incomingDirectory = incomingDirectoryOf(directory);
  const stored = (await imagesIn(directory, now)).filter((f) => f.ageMs > ORPHAN_AGE_MS);
  const incoming = await imagesIn(incomingDirectory, now);
  if (stored.length === 0 && incoming.length === 0) return { removed: 0, published: 0 };

  const referenced = await referencedNames(
    db,
    [...stored, ...incoming].map((f) => f.name),
  );
  if (!referenced) return { removed: 0, published: 0 };
  const report: SweepReport = { removed: 0, published: 0 };
  for (const file of stored) {
    if (!referenced.has(file.name) && (await removed(path.join(directory, file.name)))) report.removed++;
  }
  for (const file of incoming) {
    if (referenced.has(file.name)) {
      // Its transaction committed, and the process died before moving it.
      const moved = await rename(path.join(incomingDirectory, file.name), path.join(directory, file.name)).then(
        () => true,
        () => false,
      );
      if (moved) report.published++;
    } else if (file.ageMs > ORPHAN_AGE_MS && (await removed(path.join(incomingDirectory, file.name)))) {
      report.removed++;
    }
  }
  return report;
}

/** Regular files with names storeImage makes, and their age; anything else there is left alone. */
async function imagesIn(directory: string, now: number): Promise<OnDisk[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const found: OnDisk[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isStoredImageName(entry.name)) continue;
    const stats = await lstat(path.join(directory, entry.name)).catch(() => null);
    if (stats?.isFile()) found.push({ name: entry.name, ageMs: now - stats.mtimeMs });
  }
  return found;
}

/**
 * Which of `names` some county's `files` row names, asking every county (suspended ones too).
 * Null for a database without counties: more likely the wrong or a restoring one than an
 * empty store, so nothing is removed.
 */
async function referencedNames(db: Database, names: string[]): Promise<Set<string> | null> {
  const wanted = new Map(names.map((name) => [idOf(name), name]));
  const found = new Set<string>();
  const counties = await db.withoutTenant((tx) => tx.select({ id: tenants.id }).from(tenants));
  if (counties.length === 0) return null;
  for (const { id: tenantId } of counties) {
    const open = [...wanted.keys()];
    if (open.length === 0) break;
    await db.withTenant(tenantId, async (tx) => {
      for (let i = 0; i < open.length; i += CHUNK) {
        const rows = await tx
          .select({ id: files.id, storedName: files.storedName })
          .from(files)
          .where(and(eq(files.tenantId, tenantId), inArray(files.id, open.slice(i, i + CHUNK))));
        for (const row of rows) {
          if (wanted.get(row.id) !== row.storedName) continue;
          found.add(row.storedName);
          wanted.delete(row.id);
        }
      }
    });
  }
  return found;
}

/** A stored name is `<id>.<ext>`, its row's id. */
const idOf = (storedName: string) => storedName.slice(0, storedName.lastIndexOf("."));

async function removed(file: string): Promise<boolean> {
  return unlink(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false; // another sweep was first
      throw error;
    },
  );
}
