import { cases, type TenantTx } from "@rdlink/db";
import { and, eq, isNotNull, lt, or } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { AuditContext } from "../shared/context";
import { retentionCutoff, retentionMonthsOf } from "./privacy-settings";

/**
 * 个人信息保护法: the citizens' names and phone numbers of the county's cases closed longer ago than
 * its retention are erased. The case itself, its steps, answers and every figure stay: only who
 * filed it is forgotten. Run by the worker's housekeeping for each county; audited when it erased.
 */
export async function eraseExpiredPersonalData(tx: TenantTx, ctx: AuditContext) {
  const now = ctx.clock.now();
  const { months } = await retentionMonthsOf(tx);
  const erased = await tx
    .update(cases)
    .set({ submitterName: null, submitterPhone: null, personalDataErasedAt: now })
    .where(
      and(
        eq(cases.tenantId, tx.tenantId),
        lt(cases.closedAt, retentionCutoff(now, months)),
        or(isNotNull(cases.submitterName), isNotNull(cases.submitterPhone)),
      ),
    )
    .returning({ id: cases.id });
  if (erased.length > 0)
    await recordAudit(tx, ctx, {
      action: "privacy.expired_erased",
      objectType: "case",
      detail: { cases: erased.length, months },
    });
  return { erased: erased.length, months };
}
