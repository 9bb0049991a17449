import { assertCan } from "@rdlink/auth";
import { cases, type TenantTx } from "@rdlink/db";
import { and, count, eq, isNotNull, lt, or } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { retentionCutoff, retentionMonthsOf } from "./privacy-settings";

/**
 * The county's 个人信息保护 page: its retention, how many cases hold a citizen's name or phone, how
 * many of those are past the retention (erased at the worker's next round), and how many were erased.
 */
export async function getPrivacyPage(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.privacy.manage", { tenantId: tx.tenantId });
  const retention = await retentionMonthsOf(tx);
  const holding = or(isNotNull(cases.submitterName), isNotNull(cases.submitterPhone));
  const inCounty = eq(cases.tenantId, tx.tenantId);
  const cutoff = retentionCutoff(ctx.clock.now(), retention.months);
  const [[held], [expired], [erased]] = await Promise.all([
    tx.select({ value: count() }).from(cases).where(and(inCounty, holding)),
    tx
      .select({ value: count() })
      .from(cases)
      .where(and(inCounty, holding, lt(cases.closedAt, cutoff))),
    tx
      .select({ value: count() })
      .from(cases)
      .where(and(inCounty, isNotNull(cases.personalDataErasedAt))),
  ]);
  return {
    retention,
    figures: { held: held?.value ?? 0, expired: expired?.value ?? 0, erased: erased?.value ?? 0 },
  };
}
