import { assertCan } from "@rdlink/auth";
import { deputies, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import {
  assertDeputies,
  nextNumber,
  openSuggestion,
  sessionNumbers,
  sessionOf,
  suggestionWorkflow,
} from "./open-suggestion";
import { ZSubmitSuggestion } from "./suggestion-input";

/** The directory's deputy behind the signed-in account, or null when the county has not linked one. */
export async function ownDeputy(tx: TenantTx, ctx: UseCaseContext) {
  const [deputy] = await tx
    .select({ id: deputies.id, name: deputies.name })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.userId, ctx.actor.userId), isNull(deputies.archivedAt)))
    .limit(1);
  return deputy ?? null;
}

/**
 * A deputy hands in their own suggestion from their home: they are its 领衔代表 (others may
 * second it), it takes the session's next number and is received today. An account not linked
 * to a deputy of the directory is refused; nothing is written.
 */
export async function submitSuggestion(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.suggestions.submit", { tenantId: tx.tenantId });
  const { sessionId, ...fields } = parseInput(ZSubmitSuggestion, input);
  const deputy = await ownDeputy(tx, ctx);
  if (!deputy) throw new ValidationError({}, "sessions.notLinked");
  await sessionOf(tx, sessionId);
  await assertDeputies(tx, deputy.id, fields.coDeputyIds);
  const workflow = await suggestionWorkflow(tx);
  const opened = await openSuggestion(tx, ctx, {
    sessionId,
    fields: {
      ...fields,
      leadDeputyId: deputy.id,
      number: nextNumber(await sessionNumbers(tx, sessionId)),
      receivedOn: localDateOf(now),
    },
    source: "deputy",
    workflow,
    now,
  });
  await recordAudit(tx, ctx, {
    action: "suggestion.submitted",
    objectType: "case",
    objectId: opened.caseId,
    detail: { sessionId, number: opened.number },
  });
  return opened;
}
