import { assertCan } from "@rdlink/auth";
import { consultationComments, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, or } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZMergeComments } from "./consultation-input";
import { loadConsultationInScope } from "./consultation-scope";

/**
 * Folds duplicates into one comment of the same consultation: they (and anything already
 * merged into them) then point at it, count towards its people and share its fate. The kept
 * comment must itself not be a duplicate.
 */
export async function mergeComments(tx: TenantTx, ctx: UseCaseContext, consultationId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId });
  const consultation = await loadConsultationInScope(tx, ctx.actor, consultationId);
  const { keepId, duplicateIds } = parseInput(ZMergeComments, input);
  const duplicates = [...new Set(duplicateIds)].filter((id) => id !== keepId);
  if (duplicates.length === 0) throw new ValidationError({ duplicateIds: "validation.required" });
  const ofThis = (ids: string[]) =>
    and(
      eq(consultationComments.tenantId, tx.tenantId),
      eq(consultationComments.consultationId, consultation.id),
      inArray(consultationComments.id, ids),
    );
  const found = await tx
    .select({ id: consultationComments.id, mergedIntoId: consultationComments.mergedIntoId })
    .from(consultationComments)
    .where(ofThis([keepId, ...duplicates]));
  const keep = found.find((c) => c.id === keepId);
  if (!keep || found.length !== duplicates.length + 1)
    throw new ValidationError({ duplicateIds: "validation.invalid" });
  if (keep.mergedIntoId !== null) throw new ValidationError({ keepId: "consultations.errors.keepIsDuplicate" });
  const [kept] = await tx
    .select({
      fate: consultationComments.fate,
      fateReason: consultationComments.fateReason,
      fateAt: consultationComments.fateAt,
    })
    .from(consultationComments)
    .where(ofThis([keepId]));
  await tx
    .update(consultationComments)
    .set({ mergedIntoId: keepId, fate: kept!.fate, fateReason: kept!.fateReason, fateAt: kept!.fateAt })
    .where(
      and(
        eq(consultationComments.tenantId, tx.tenantId),
        eq(consultationComments.consultationId, consultation.id),
        or(inArray(consultationComments.id, duplicates), inArray(consultationComments.mergedIntoId, duplicates)),
      ),
    );
  await recordAudit(tx, ctx, {
    action: "consultation.comments_merged",
    objectType: "consultation",
    objectId: consultation.id,
    detail: { keepId, duplicates: duplicates.length },
  });
  return { merged: duplicates.length };
}
