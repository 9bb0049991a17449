import { rm } from "node:fs/promises";
import path from "node:path";
import { type Database, files, selectRows, tenants } from "@rdlink/db";
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-audit";
import { isStoredImageName } from "../files/store-image";
import type { AuditContext } from "../shared/context";
import { countyTablesParentsFirst } from "./county-tables";

export type DeletedCounty = { tenantId: string; name: string; rows: number; files: number };

/**
 * The worker's part of offboarding: every county whose deletion is due is erased, each in its own
 * transaction — every row of every county table (the catalog's, children first), its accounts and
 * its tenant row, by the database's erase_county — and then its photos. The platform's audit log
 * keeps what was deleted and when. A photo that cannot be removed is left to the orphan sweep,
 * which removes files no row names.
 */
export async function deleteDueCounties(db: Database, now: Date, filesDirectory?: string): Promise<DeletedCounty[]> {
  const due = await db.withoutTenant((tx) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(and(eq(tenants.status, "suspended"), isNotNull(tenants.deletionDueAt), lte(tenants.deletionDueAt, now))),
  );
  const ctx: AuditContext = { actor: null, ip: null, clock: { now: () => now } };
  const deleted: DeletedCounty[] = [];
  for (const { id } of due) {
    const { county, storedNames } = await db.withTenant(id, async (tx) => {
      const [row] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)).for("update");
      const stored = await tx
        .select({ storedName: files.storedName })
        .from(files)
        .where(eq(files.tenantId, tx.tenantId));
      const childrenFirst = (await countyTablesParentsFirst(tx)).map((table) => table.name).reverse();
      const erased = await selectRows<{ table_name: string; deleted_rows: number }>(
        tx,
        sql`select table_name, deleted_rows::int from erase_county(${tx.tenantId}, ${`{${childrenFirst.join(",")}}`}::text[])`,
      );
      const rows = erased.reduce((sum, table) => sum + table.deleted_rows, 0);
      await recordPlatformAudit(tx, ctx, {
        action: "tenant.deleted",
        objectType: "tenant",
        objectId: tx.tenantId,
        tenantId: tx.tenantId,
        detail: {
          name: row!.name,
          divisionCode: row!.divisionCode,
          rows,
          files: stored.length,
          tables: Object.fromEntries(
            erased.filter((t) => t.deleted_rows > 0).map((t) => [t.table_name, t.deleted_rows]),
          ),
        },
      });
      return { county: { tenantId: tx.tenantId, name: row!.name, rows }, storedNames: stored.map((f) => f.storedName) };
    });
    if (filesDirectory) {
      for (const name of storedNames.filter(isStoredImageName)) {
        await rm(path.join(filesDirectory, name), { force: true }).catch(() => undefined);
      }
    }
    deleted.push({ ...county, files: storedNames.length });
  }
  return deleted;
}
