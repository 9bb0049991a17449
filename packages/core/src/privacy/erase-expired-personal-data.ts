import { cases, consultationComments, consultations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { AuditContext } from "../shared/context";
import { retentionCutoff, retentionMonthsOf } from "./privacy-settings";

/**
 * 个人信息保护法: the citizens' names and phone numbers of the county's cases closed longer ago than
 * its retention are erased. The case itself, its steps, answers and every figure stay: only who
 * filed it is forgotten. The same for the commenters on a 立法意见征集 that ended longer ago (closed by
 * staff, or its last day). Run by the worker's housekeeping for each county; audited when it erased.
 */
export async function eraseExpiredPersonalData(tx: TenantTx, ctx: AuditContext) {
  const now = ctx.clock.now();
  const { months } = await retentionMonthsOf(tx);
  const cutoff = retentionCutoff(now, months);
  const erased = await tx
    .update(cases)
    .set({ submitterName: null, submitterPhone: null, personalDataErasedAt: now })
    .where(
      and(
        eq(cases.tenantId, tx.tenantId),
        lt(cases.closedAt, cutoff),
        or(isNotNull(cases.submitterName), isNotNull(cases.submitterPhone)),
      ),
    )
    .returning({ id: cases.id });
  const ended = tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(
      and(
        eq(consultations.tenantId, tx.tenantId),
        sql`coalesce(${consultations.closedAt}, (${consultations.closesOn} + 1)::timestamp at time zone 'Asia/Shanghai')
              < ${cutoff.toISOString()}::timestamptz`,
      ),
    );
  const commenters = await tx
    .update(consultationComments)
    .set({ submitterName: null, submitterPhone: null })
    .where(
      and(
        eq(consultationComments.tenantId, tx.tenantId),
        inArray(consultationComments.consultationId, ended),
        or(isNotNull(consultationComments.submitterName), isNotNull(consultationComments.submitterPhone)),
      ),
    )
    .returning({ id: consultationComments.id });
  if (erased.length + commenters.length > 0)
    await recordAudit(tx, ctx, {
      action: "privacy.expired_erased",
      objectType: "case",
      detail: { cases: erased.length, comments: commenters.length, months },
    });
  return { erased: erased.length + commenters.length, months };
}
