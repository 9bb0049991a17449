import { assertCan } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { normaliseKey } from "../deputies/sheet/deputy-row";
import type { UseCaseContext } from "../shared/context";
import { openSuggestion, sessionNumbers, sessionOf, suggestionWorkflow } from "./open-suggestion";
import type { TSuggestionFields } from "./suggestion-input";
import { categoryOf, dayOf, namesIn, readSuggestionSheet, type TSuggestionColumn } from "./suggestion-sheet";

/** A problem with one cell: `row` is the spreadsheet row, `field` a column, `message` an i18n key, `value` what it named. */
export type TSuggestionSheetError = { row: number; field: TSuggestionColumn; message: string; value?: string };

const ORDER: readonly TSuggestionColumn[] = [
  "number",
  "title",
  "content",
  "category",
  "sector",
  "leadDeputy",
  "coDeputies",
  "receivedOn",
];

/**
 * Imports a session's suggestion list all-or-nothing: every bad row is named (an unknown or
 * ambiguous deputy, no 领衔代表, a number repeated or already in the session, no title…) and
 * nothing is written; a clean list opens every suggestion on the county's suggestion workflow.
 * `dryRun` only checks (the preview).
 */
export async function importSuggestions(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  file: { name: string; bytes: Uint8Array },
  options: { dryRun?: boolean } = {},
  now = ctx.clock.now(),
): Promise<{ imported: number; rows: number; errors: TSuggestionSheetError[] }> {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const session = await sessionOf(tx, sessionId);
  const sheet = await readSuggestionSheet(file);
  const resolve = await deputyResolver(tx);
  const taken = await sessionNumbers(tx, session.id);
  const inFile = new Set<string>();

  const errors: TSuggestionSheetError[] = [];
  const good: (TSuggestionFields & { number: string })[] = [];
  for (const { row, cells } of sheet.rows) {
    const rowErrors: TSuggestionSheetError[] = [];
    const fail = (field: TSuggestionColumn, message: string, value?: string) =>
      rowErrors.push({ row, field, message, ...(value !== undefined ? { value } : {}) });
    const text = (column: TSuggestionColumn) => cells[column] ?? "";

    const number = text("number");
    if (number === "") fail("number", "sessions.import.numberMissing");
    else if (number.length > 20) fail("number", "validation.tooLong");
    else if (taken.has(number)) fail("number", "sessions.import.numberTaken", number);
    else if (inFile.has(number)) fail("number", "sessions.import.numberRepeated", number);
    else inFile.add(number);

    const title = text("title");
    if (title === "") fail("title", "sessions.import.titleMissing");
    else if (title.length > 100) fail("title", "validation.tooLong");
    // A list that gives only the 案由 has the title as its content.
    const content = text("content") || title;
    if (content.length > 4000) fail("content", "validation.tooLong");
    else if (content !== "" && content.length < 5) fail("content", "validation.tooShort");

    const category = categoryOf(text("category"));
    if (category === undefined) fail("category", "sessions.import.unknownCategory", text("category"));
    const sector = text("sector");
    if (sector.length > 40) fail("sector", "validation.tooLong");

    const leadNames = namesIn(text("leadDeputy"));
    let leadDeputyId: string | null = null;
    if (leadNames.length === 0) fail("leadDeputy", "sessions.import.leadMissing");
    else if (leadNames.length > 1) fail("leadDeputy", "validation.oneLeadDeputy", text("leadDeputy"));
    else {
      const found = resolve(leadNames[0]!);
      if (typeof found === "string") leadDeputyId = found;
      else fail("leadDeputy", found.message, leadNames[0]);
    }
    const coDeputyIds: string[] = [];
    for (const name of namesIn(text("coDeputies"))) {
      const found = resolve(name);
      if (typeof found !== "string") fail("coDeputies", found.message, name);
      else if (found === leadDeputyId) fail("coDeputies", "validation.leadIsCoDeputy", name);
      else if (!coDeputyIds.includes(found)) coDeputyIds.push(found);
    }

    const receivedText = text("receivedOn");
    const receivedOn = receivedText === "" ? session.opensOn : dayOf(receivedText);
    if (!receivedOn) fail("receivedOn", "validation.invalidDate", receivedText);

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
    } else {
      good.push({
        number,
        title,
        content,
        category: category ?? null,
        sector: sector || null,
        leadDeputyId: leadDeputyId!,
        coDeputyIds,
        receivedOn: receivedOn!,
      });
    }
  }
  errors.sort((a, b) => a.row - b.row || ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
  const rows = sheet.rows.length;
  if (errors.length > 0 || options.dryRun) return { imported: 0, rows, errors };

  const workflow = await suggestionWorkflow(tx);
  for (const fields of good) {
    await openSuggestion(tx, ctx, { sessionId: session.id, fields, source: "import", workflow, now });
  }
  await recordAudit(tx, ctx, {
    action: "suggestion.imported",
    objectType: "congressSession",
    objectId: session.id,
    detail: { rows, file: file.name },
  });
  return { imported: good.length, rows, errors: [] };
}

/**
 * Finds a deputy of the directory by name; a name two deputies share must carry its township
 * (韦建国（金陵镇）). Returns the id or the i18n key of what is wrong.
 */
async function deputyResolver(tx: TenantTx) {
  const rows = await tx
    .select({ id: deputies.id, name: deputies.name, township: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(and(eq(deputies.tenantId, tx.tenantId), isNull(deputies.archivedAt)));
  const byName = new Map<string, string[]>();
  const add = (key: string, id: string) => byName.set(key, [...(byName.get(key) ?? []), id]);
  for (const d of rows) {
    add(normaliseKey(d.name), d.id);
    add(`${normaliseKey(d.name)}(${normaliseKey(d.township)})`, d.id);
  }
  return (name: string): string | { message: string } => {
    const ids = byName.get(normaliseKey(name)) ?? [];
    if (ids.length === 1) return ids[0]!;
    return { message: ids.length === 0 ? "sessions.import.unknownDeputy" : "sessions.import.ambiguousDeputy" };
  };
}
