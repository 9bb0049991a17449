import { assertCan } from "@rdlink/auth";
import { consultationComments, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, or } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZMarkFates } from "./consultation-input";
import { loadConsultationInScope } from "./consultation-scope";

/**
 * The legislature's feedback, comment by comment or many at once: 采纳 / 部分采纳 / 未采纳 and
 * why. A comment's merged duplicates get the same fate; their commenters see it on their
 * tracking pages. Answers how many comments were marked.
 */
export async function markFates(tx: TenantTx, ctx: UseCaseContext, consultationId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId });
  const consultation = await loadConsultationInScope(tx, ctx.actor, consultationId);
  const { commentIds, fate, reason } = parseInput(ZMarkFates, input);
  const ids = [...new Set(commentIds)];
  const scope = and(
    eq(consultationComments.tenantId, tx.tenantId),
    eq(consultationComments.consultationId, consultation.id),
  );
  const found = await tx
    .select({ id: consultationComments.id })
    .from(consultationComments)
    .where(and(scope, inArray(consultationComments.id, ids)));
  if (found.length !== ids.length) throw new ValidationError({ commentIds: "validation.invalid" });
  const marked = await tx
    .update(consultationComments)
    .set({ fate, fateReason: reason, fateAt: ctx.clock.now() })
    .where(and(scope, or(inArray(consultationComments.id, ids), inArray(consultationComments.mergedIntoId, ids))))
    .returning({ id: consultationComments.id });
  await recordAudit(tx, ctx, {
    action: "consultation.fates_marked",
    objectType: "consultation",
    objectId: consultation.id,
    detail: { fate, comments: marked.length },
  });
  return { marked: marked.length };
}
