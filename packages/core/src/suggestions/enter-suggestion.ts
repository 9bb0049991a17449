import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput } from "../shared/errors";
import {
  assertDeputies,
  nextNumber,
  openSuggestion,
  sessionNumbers,
  sessionOf,
  suggestionWorkflow,
} from "./open-suggestion";
import { ZEnterSuggestion } from "./suggestion-input";

/**
 * The congress office enters a suggestion handed in at the session: its number (the next one
 * when left blank), text, category and sector, 领衔代表 and 附议代表 from the directory. An
 * unknown deputy, a missing 领衔代表 or a number the session already has is refused, the field
 * named, and nothing is written.
 */
export async function enterSuggestion(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  input: unknown,
  now = ctx.clock.now(),
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  // Another county's session is not found, whatever the form says.
  await sessionOf(tx, sessionId);
  const { number, receivedOn, ...fields } = parseInput(ZEnterSuggestion, input);
  await assertDeputies(tx, fields.leadDeputyId, fields.coDeputyIds);
  const numbers = await sessionNumbers(tx, sessionId);
  if (number && numbers.has(number)) throw new ConflictError("sessions.numberTaken", "number");
  const workflow = await suggestionWorkflow(tx);
  const opened = await openSuggestion(tx, ctx, {
    sessionId,
    fields: { ...fields, number: number ?? nextNumber(numbers), receivedOn: receivedOn ?? localDateOf(now) },
    source: "staff",
    workflow,
    now,
  });
  await recordAudit(tx, ctx, {
    action: "suggestion.entered",
    objectType: "case",
    objectId: opened.caseId,
    detail: { sessionId, number: opened.number },
  });
  return opened;
}
