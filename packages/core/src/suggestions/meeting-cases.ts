import { cases, suggestions, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { ConflictError, ValidationError } from "../shared/errors";

/**
 * The selected cases as suggestions of the meeting's session, or a refusal naming each that is
 * not (another session's, another county's, no suggestion at all): nothing is written.
 */
export async function sessionSuggestions(tx: TenantTx, sessionId: string, caseIds: readonly string[]) {
  const ids = [...new Set(caseIds)];
  const rows = await tx
    .select({
      caseId: suggestions.caseId,
      number: suggestions.number,
      state: cases.state,
      status: cases.status,
      versionId: cases.versionId,
    })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .where(
      and(
        eq(suggestions.tenantId, tx.tenantId),
        eq(suggestions.sessionId, sessionId),
        inArray(suggestions.caseId, ids),
      ),
    );
  const found = new Set(rows.map((r) => r.caseId));
  const strangers = ids.filter((id) => !found.has(id));
  if (strangers.length > 0) {
    throw new ValidationError(
      Object.fromEntries(strangers.map((id) => [`caseIds.${id}`, "meetings.notThisSession"])),
      "meetings.notThisSession",
    );
  }
  return rows;
}

/** "第 003、017 号建议…": a refusal that names the suggestions by their numbers. */
export function refuseNumbers(messageKey: string, numbers: readonly string[]): never {
  throw new ConflictError(messageKey, undefined, { numbers: numbers.join("、"), count: String(numbers.length) });
}
