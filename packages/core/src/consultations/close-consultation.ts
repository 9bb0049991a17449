import { assertCan } from "@rdlink/auth";
import { consultations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { loadConsultationInScope } from "./consultation-scope";
import { isClosed } from "./consultation-state";

/** Staff close the public window before its last day (the page then refuses comments). */
export async function closeConsultation(tx: TenantTx, ctx: UseCaseContext, consultationId: string) {
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId });
  const consultation = await loadConsultationInScope(tx, ctx.actor, consultationId);
  const now = ctx.clock.now();
  if (isClosed(consultation, now)) throw new ConflictError("consultations.errors.alreadyClosed");
  await tx
    .update(consultations)
    .set({ closedAt: now })
    .where(and(eq(consultations.tenantId, tx.tenantId), eq(consultations.id, consultation.id)));
  await recordAudit(tx, ctx, { action: "consultation.closed", objectType: "consultation", objectId: consultation.id });
}
