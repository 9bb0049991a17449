import { type TenantTx, voterRepresentatives } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { PHONE_PATTERN } from "../shared/phone";
import { dayOf } from "../suggestions/suggestion-sheet";
import { readRepresentativeSheet, type TRepresentativeColumn } from "./representative-sheet";
import { streetOf } from "./street-of";

export type TRepresentativeSheetError = { row: number; field: TRepresentativeColumn; message: string; value?: string };

/**
 * Imports a street's roster of 选民代表 all or nothing: every bad row is named (no name, a name
 * twice in one term, a bad phone or date, a term that ends before it starts) and nothing is written.
 */
export async function importRepresentatives(
  tx: TenantTx,
  ctx: UseCaseContext,
  townshipId: string,
  file: { name: string; bytes: Uint8Array },
  options: { dryRun?: boolean } = {},
) {
  const street = await streetOf(tx, ctx, townshipId);
  const rows = await readRepresentativeSheet(file);
  const existing = await tx
    .select({ name: voterRepresentatives.name, term: voterRepresentatives.term })
    .from(voterRepresentatives)
    .where(and(eq(voterRepresentatives.tenantId, tx.tenantId), eq(voterRepresentatives.townshipId, street.id)));
  const taken = new Set(existing.map((r) => `${r.term}|${r.name}`));
  const errors: TRepresentativeSheetError[] = [];
  const good: (typeof voterRepresentatives.$inferInsert)[] = [];
  for (const { row, cells } of rows) {
    const before = errors.length;
    const fail = (field: TRepresentativeColumn, message: string, value?: string) =>
      errors.push({ row, field, message, ...(value !== undefined ? { value } : {}) });
    const name = cells.name ?? "";
    const term = cells.term ?? "";
    const phone = (cells.phone ?? "").replace(/\s/g, "");
    const startsOn = dayOf(cells.termStartsOn ?? "");
    const endsOn = dayOf(cells.termEndsOn ?? "");
    if (name === "") fail("name", "validation.required");
    else if (name.length > 20) fail("name", "validation.tooLong");
    if (term === "") fail("term", "validation.required");
    else if (term.length > 20) fail("term", "validation.tooLong");
    if (phone !== "" && !PHONE_PATTERN.test(phone)) fail("phone", "validation.invalidPhone", phone);
    if ((cells.group ?? "").length > 40) fail("group", "validation.tooLong");
    if (!startsOn) fail("termStartsOn", "validation.invalidDate", cells.termStartsOn);
    if (!endsOn) fail("termEndsOn", "validation.invalidDate", cells.termEndsOn);
    else if (startsOn && endsOn < startsOn) fail("termEndsOn", "voting.import.termBackwards", cells.termEndsOn);
    const key = `${term}|${name}`;
    if (name !== "" && taken.has(key)) fail("name", "voting.import.nameTaken", name);
    taken.add(key);
    if (errors.length === before) {
      good.push({
        townshipId: street.id,
        name,
        groupName: cells.group || null,
        phone: phone || null,
        term,
        termStartsOn: startsOn!,
        termEndsOn: endsOn!,
        createdAt: ctx.clock.now(),
      });
    }
  }
  if (errors.length > 0 || options.dryRun) return { imported: 0, rows: rows.length, errors: errors.slice(0, 500) };
  for (let i = 0; i < good.length; i += 500) await tx.insert(voterRepresentatives).values(good.slice(i, i + 500));
  await recordAudit(tx, ctx, {
    action: "voting.representatives_imported",
    objectType: "township",
    objectId: street.id,
    detail: { count: good.length },
  });
  return { imported: good.length, rows: rows.length, errors };
}
