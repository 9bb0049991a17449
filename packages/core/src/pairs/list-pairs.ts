import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, deputyPairs, pairVisits, type TenantTx, townships } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, asc, count, eq, inArray, max, sql } from "drizzle-orm";
import { z } from "zod";
import { maskPhone } from "../deputies/sheet";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";
import { monthsBefore, ZOverdueMonths } from "./pair-input";

const ZListPairs = z.object({
  months: ZOverdueMonths,
  /** "1": only the pairs without a visit in the last `months` months. */
  overdue: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  ...ZPaging,
});

/** Whether a pair's last visit (or none) is before `since`: no visit in the last N months. */
export const isOverdue = (lastVisit: string | null, since: string) => lastVisit === null || lastVisit < since;

/** The pairs in the actor's townships (the condition on `deputy_pairs`). */
export function pairsInScope(tx: TenantTx, ctx: UseCaseContext) {
  const scope = townshipsInScope(ctx.actor);
  return and(
    eq(deputyPairs.tenantId, tx.tenantId),
    scope === "all" ? undefined : inArray(deputyPairs.townshipId, scope),
  );
}

/**
 * The pairs not visited since a day, as a condition on `deputy_pairs`: one probe of the
 * (tenant, pair, day) index per pair, rather than every visit of the county grouped.
 */
export function notVisitedSince(since: string) {
  return sql`not exists (select 1 from ${pairVisits} where ${pairVisits.tenantId} = ${deputyPairs.tenantId}
    and ${pairVisits.pairId} = ${deputyPairs.id} and ${pairVisits.visitedOn} >= ${since})`;
}

/**
 * 双联 for the township operator and the county admin: the pairs of their deputies, by township and
 * deputy, a page at a time, with each pair's last visit; `overdue` keeps those without a visit in
 * the last `months` months (counted back from today by the app's clock). Phones masked.
 */
export async function listPairs(tx: TenantTx, ctx: UseCaseContext, input: Record<string, unknown>) {
  assertCan(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId });
  const { months, overdue, page, pageSize } = parseInput(ZListPairs, input);
  const today = localDateOf(ctx.clock.now());
  const since = monthsBefore(today, months);
  const where = and(pairsInScope(tx, ctx), overdue ? notVisitedSince(since) : undefined);
  const [pairs, [total]] = await Promise.all([
    tx
      .select({
        id: deputyPairs.id,
        deputyId: deputyPairs.deputyId,
        deputyName: deputies.name,
        townshipName: townships.name,
        kind: deputyPairs.kind,
        householdName: deputyPairs.householdName,
        address: deputyPairs.address,
        community: deputyPairs.community,
        phone: deputyPairs.phone,
      })
      .from(deputyPairs)
      .innerJoin(deputies, and(eq(deputies.tenantId, deputyPairs.tenantId), eq(deputies.id, deputyPairs.deputyId)))
      .innerJoin(townships, and(eq(townships.tenantId, deputyPairs.tenantId), eq(townships.id, deputyPairs.townshipId)))
      .where(where)
      .orderBy(asc(townships.name), asc(deputies.name), asc(deputyPairs.kind), asc(deputyPairs.householdName))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(deputyPairs).where(where),
  ]);
  const visits = await lastVisits(
    tx,
    pairs.map((p) => p.id),
  );
  const rows = pairs.map(({ phone, ...row }) => {
    const { lastVisit = null, visits: visitCount = 0 } = visits.get(row.id) ?? {};
    return {
      ...row,
      phone: phone ? maskPhone(phone) : null,
      lastVisit,
      visits: visitCount,
      overdue: isOverdue(lastVisit, since),
    };
  });
  return { months, overdue, since, today, rows, total: total?.value ?? 0, page, pageSize };
}

/** The last visit and the number of visits of some pairs. */
async function lastVisits(tx: TenantTx, pairIds: string[]) {
  if (pairIds.length === 0) return new Map<string, { lastVisit: string | null; visits: number }>();
  const rows = await tx
    .select({ pairId: pairVisits.pairId, lastVisit: max(pairVisits.visitedOn), visits: count() })
    .from(pairVisits)
    .where(and(eq(pairVisits.tenantId, tx.tenantId), inArray(pairVisits.pairId, pairIds)))
    .groupBy(pairVisits.pairId);
  return new Map(rows.map((r) => [r.pairId, r]));
}
