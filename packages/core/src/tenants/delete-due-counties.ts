import { rm } from "node:fs/promises";
import path from "node:path";
import { type Database, files, sessions, type TenantTx, tenants, users } from "@rdlink/db";
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import { isStoredImageName } from "../files/store-image";
import type { AuditContext } from "../shared/context";
import { countyTablesParentsFirst, quoted } from "./county-tables";

/** Rows a DELETE removed, whichever driver ran it (postgres.js: `count`, PGlite: `affectedRows`). */
const affectedRows = (result: unknown) => {
  const { count, affectedRows } = result as { count?: number; affectedRows?: number };
  return Number(count ?? affectedRows ?? 0);
};

export type DeletedCounty = { tenantId: string; name: string; rows: number; files: number };

/**
 * The worker's part of offboarding: every county whose deletion is due is erased, each in its own
 * transaction — every row of every county table (the catalog's, children first), its accounts and
 * its tenant row — and then its photos. The platform's audit log
 * keeps what was deleted and when. A photo that cannot be removed is left to the orphan sweep,
 * which removes files no row names.
 */
export async function deleteDueCounties(
  db: Database,
  now: Date,
  options: { filesDirectory?: string; onError?: (error: unknown, tenantId: string) => void } = {},
): Promise<DeletedCounty[]> {
  const due = await db.withoutTenant((tx) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.status, "suspended"), isNotNull(tenants.deletionDueAt), lte(tenants.deletionDueAt, now))),
  );
  const ctx: AuditContext = { actor: null, ip: null, clock: { now: () => now } };
  const deleted: DeletedCounty[] = [];
  for (const { id } of due) {
    // One county that cannot be erased (a row of another county naming one of its accounts) is
    // reported, and the others are still erased.
    const erased = await db
      .withTenant(id, (tx) => eraseCounty(tx, ctx, now))
      .catch((error: unknown) => {
        options.onError?.(error, id);
        return null;
      });
    if (!erased) continue;
    const { county, storedNames } = erased;
    if (options.filesDirectory) {
      for (const name of storedNames.filter(isStoredImageName)) {
        await rm(path.join(options.filesDirectory, name), { force: true }).catch(() => undefined);
      }
    }
    deleted.push({ ...county, files: storedNames.length });
  }
  return deleted;
}

async function eraseCounty(tx: TenantTx, ctx: AuditContext, now: Date) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)).for("update");
  // Cancelled (or reactivated) since it was found due: nothing to do.
  if (row?.status !== "suspended" || !row.deletionDueAt || row.deletionDueAt > now) return null;
  const stored = await tx.select({ storedName: files.storedName }).from(files).where(eq(files.tenantId, tx.tenantId));
  // Marked deleted first: the one state in which the database lets these rows go (migration 0040).
  await tx.execute(sql`update tenants set status = 'deleted' where id = ${tx.tenantId}`);
  const erased: { table: string; rows: number }[] = [];
  for (const table of (await countyTablesParentsFirst(tx)).reverse()) {
    const gone = await tx.execute(sql`delete from ${sql.raw(quoted(table.name))} where tenant_id = ${tx.tenantId}`);
    erased.push({ table: table.name, rows: affectedRows(gone) });
  }
  const homes = tx.select({ id: users.id }).from(users).where(eq(users.homeTenantId, tx.tenantId));
  await tx.delete(sessions).where(inArray(sessions.userId, homes));
  const accounts = await tx.delete(users).where(eq(users.homeTenantId, tx.tenantId)).returning({ id: users.id });
  erased.push({ table: "users", rows: accounts.length });
  // Last: any county row left behind would fail its foreign key here, and the whole erase with it.
  await tx.delete(tenants).where(eq(tenants.id, tx.tenantId));
  const rows = erased.reduce((sum, table) => sum + table.rows, 0);
  await recordPlatformAudit(tx, ctx, {
    action: "tenant.deleted",
    objectType: "tenant",
    objectId: tx.tenantId,
    tenantId: tx.tenantId,
    detail: {
      name: row.name,
      divisionCode: row.divisionCode,
      rows,
      files: stored.length,
      tables: Object.fromEntries(erased.filter((t) => t.rows > 0).map((t) => [t.table, t.rows])),
    },
  });
  return { county: { tenantId: tx.tenantId, name: row.name, rows }, storedNames: stored.map((f) => f.storedName) };
}
