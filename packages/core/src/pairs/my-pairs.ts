import { assertCan } from "@rdlink/auth";
import { cases, deputyPairs, pairVisits, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, desc, eq } from "drizzle-orm";
import { CASE_CATEGORIES } from "../cases/case-categories";
import { maskPhone } from "../deputies/sheet";
import type { UseCaseContext } from "../shared/context";
import { isOverdue } from "./list-pairs";
import { DEFAULT_OVERDUE_MONTHS, MAX_VISIT_PHOTOS, monthsBefore } from "./pair-input";
import { myDeputy } from "./pair-scope";

/**
 * 我的双联: the signed-in deputy's paired households, each with its visits (latest first, the
 * case each raised), and whether it has gone DEFAULT_OVERDUE_MONTHS months without one.
 */
export async function myPairs(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.pairs.visit", { tenantId: tx.tenantId });
  const today = localDateOf(ctx.clock.now());
  const base = {
    today,
    categories: CASE_CATEGORIES,
    maxPhotos: MAX_VISIT_PHOTOS,
    overdueMonths: DEFAULT_OVERDUE_MONTHS,
  };
  const deputy = await myDeputy(tx, ctx);
  if (!deputy) return { ...base, deputy: null, pairs: [] };
  const pairs = await tx
    .select({
      id: deputyPairs.id,
      kind: deputyPairs.kind,
      householdName: deputyPairs.householdName,
      address: deputyPairs.address,
      community: deputyPairs.community,
      phone: deputyPairs.phone,
    })
    .from(deputyPairs)
    .where(and(eq(deputyPairs.tenantId, tx.tenantId), eq(deputyPairs.deputyId, deputy.id)))
    .orderBy(deputyPairs.kind, deputyPairs.householdName);
  const visits = await tx
    .select({
      id: pairVisits.id,
      pairId: pairVisits.pairId,
      visitedOn: pairVisits.visitedOn,
      form: pairVisits.form,
      learned: pairVisits.learned,
      photoIds: pairVisits.photoIds,
      caseId: pairVisits.caseId,
      caseTitle: cases.title,
    })
    .from(pairVisits)
    .leftJoin(cases, and(eq(cases.tenantId, pairVisits.tenantId), eq(cases.id, pairVisits.caseId)))
    .where(and(eq(pairVisits.tenantId, tx.tenantId), eq(pairVisits.deputyId, deputy.id)))
    .orderBy(desc(pairVisits.visitedOn), desc(pairVisits.createdAt));
  const since = monthsBefore(today, DEFAULT_OVERDUE_MONTHS);
  return {
    ...base,
    deputy: { id: deputy.id, name: deputy.name },
    pairs: pairs.map(({ phone, ...pair }) => {
      const own = visits.filter((v) => v.pairId === pair.id);
      return {
        ...pair,
        phone: phone ? maskPhone(phone) : null,
        visits: own,
        lastVisit: own[0]?.visitedOn ?? null,
        overdue: isOverdue(own[0]?.visitedOn ?? null, since),
      };
    }),
  };
}
