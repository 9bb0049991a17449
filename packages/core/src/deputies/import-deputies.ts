import { assertCan } from "@rdlink/auth";
import { deputies, deputyStations, stations, type TenantTx, townships } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseDeputySheet, type TSheetError } from "./sheet";

const CHUNK = 500;

/**
 * Imports a deputies sheet all-or-nothing: every bad row is named (row number, field,
 * i18n key) and nothing is written; a clean sheet is written whole. `dryRun` only checks.
 */
export async function importDeputies(
  tx: TenantTx,
  ctx: UseCaseContext,
  file: { name: string; bytes: Uint8Array },
  options: { dryRun?: boolean } = {},
): Promise<{ imported: number; rows: number; errors: TSheetError[] }> {
  assertCan(ctx.actor, "tenant.deputies.import", { tenantId: tx.tenantId });
  const townshipList = await tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), isNull(townships.archivedAt)));
  const existing = await tx
    .select({ name: deputies.name, townshipId: deputies.townshipId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), isNull(deputies.archivedAt)));
  const { rows, errors } = await parseDeputySheet(file, { townships: townshipList, existing });

  // Station names resolve within the deputy's township first, then across the county if unique.
  const stationList = await tx
    .select({ id: stations.id, name: stations.name, townshipId: stations.townshipId })
    .from(stations)
    .where(eq(stations.tenantId, tx.tenantId));
  const stationIdsOf = (row: (typeof rows)[number]) =>
    row.stationNames.map((name) => {
      const local = stationList.find((s) => s.name === name && s.townshipId === row.townshipId);
      const anywhere = stationList.filter((s) => s.name === name);
      return local?.id ?? (anywhere.length === 1 ? anywhere[0]!.id : null);
    });
  for (const row of rows) {
    if (stationIdsOf(row).some((id) => id === null))
      errors.push({ row: row.row, field: "stations", message: "validation.unknownStation" });
  }
  errors.sort((a, b) => a.row - b.row);
  // Every data row of the sheet, good or bad (a bad row is not among `rows`).
  const total = new Set([...rows.map((r) => r.row), ...errors.map((e) => e.row)]).size;
  if (errors.length > 0 || options.dryRun) return { imported: 0, rows: total, errors };

  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const inserted = await tx
      .insert(deputies)
      .values(
        chunk.map((row) => ({
          name: row.name,
          level: row.level,
          term: row.term ?? null,
          constituency: row.constituency ?? null,
          townshipId: row.townshipId,
          sector: row.sector ?? null,
          tags: row.tags,
          phone: row.phone ?? null,
          gender: row.gender === "男" ? ("male" as const) : row.gender === "女" ? ("female" as const) : null,
        })),
      )
      .returning({ id: deputies.id });
    const links = chunk.flatMap((row, i) =>
      stationIdsOf(row).map((stationId) => ({ deputyId: inserted[i]!.id, stationId: stationId! })),
    );
    if (links.length > 0) await tx.insert(deputyStations).values(links).onConflictDoNothing();
  }
  await recordAudit(tx, ctx, {
    action: "deputies.imported",
    objectType: "deputy",
    detail: { rows: rows.length, file: file.name },
  });
  return { imported: rows.length, rows: rows.length, errors: [] };
}
