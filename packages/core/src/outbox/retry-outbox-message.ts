import { assertCan } from "@rdlink/auth";
import { cases, outbox, type TenantTx } from "@rdlink/db";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZRetryOutboxMessage = z.object({ id: ZId });

/**
 * Gives a message that failed for good another round: pending again, attempts from zero,
 * due at once. Its case stops being an incident once none of its messages is failed.
 */
export async function retryOutboxMessage(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.outbox.manage", { tenantId: tx.tenantId });
  const { id } = parseInput(ZRetryOutboxMessage, input);
  const [message] = await tx
    .select({ status: outbox.status, caseId: outbox.caseId, attempts: outbox.attempts, lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tx.tenantId), eq(outbox.id, id)))
    .for("update");
  if (!message) throw new NotFoundError();
  if (message.status !== "failed") throw new ConflictError("outbox.notFailed");
  await tx
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.tenantId, tx.tenantId), eq(outbox.id, id)));
  const [stillFailed] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.tenantId, tx.tenantId),
        eq(outbox.caseId, message.caseId),
        eq(outbox.status, "failed"),
        ne(outbox.id, id),
      ),
    )
    .limit(1);
  if (!stillFailed)
    await tx
      .update(cases)
      .set({ incident: false })
      .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, message.caseId)));
  await recordAudit(tx, ctx, {
    action: "outbox.retried",
    objectType: "outbox",
    objectId: id,
    detail: { caseId: message.caseId, attempts: message.attempts, lastError: message.lastError },
  });
  return { id, caseId: message.caseId };
}
