import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, deputyPairs, pairVisits, type TenantTx, townships } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, asc, count, eq, inArray, max, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { maskPhone } from "../deputies/sheet";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { monthsBefore, ZOverdueMonths } from "./pair-input";

const ZListPairs = z.object({
  months: ZOverdueMonths,
  /** "1": only the pairs without a visit in the last `months` months. */
  overdue: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

/** The pairs in the actor's townships, with their last visit; `which` narrows them (one deputy…). */
export async function pairsInScope(tx: TenantTx, ctx: UseCaseContext, which?: SQL) {
  const scope = townshipsInScope(ctx.actor);
  const lastVisits = tx
    .select({
      pairId: pairVisits.pairId,
      lastVisit: max(pairVisits.visitedOn).as("last_visit"),
      visits: count().as("visits"),
    })
    .from(pairVisits)
    .where(eq(pairVisits.tenantId, tx.tenantId))
    .groupBy(pairVisits.pairId)
    .as("last_visits");
  return tx
    .select({
      id: deputyPairs.id,
      deputyId: deputyPairs.deputyId,
      deputyName: deputies.name,
      deputyUserId: deputies.userId,
      townshipName: townships.name,
      kind: deputyPairs.kind,
      householdName: deputyPairs.householdName,
      address: deputyPairs.address,
      community: deputyPairs.community,
      phone: deputyPairs.phone,
      lastVisit: lastVisits.lastVisit,
      visits: sql<number>`coalesce(${lastVisits.visits}, 0)`.mapWith(Number),
    })
    .from(deputyPairs)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyPairs.tenantId), eq(deputies.id, deputyPairs.deputyId)))
    .innerJoin(townships, and(eq(townships.tenantId, deputyPairs.tenantId), eq(townships.id, deputyPairs.townshipId)))
    .leftJoin(lastVisits, eq(lastVisits.pairId, deputyPairs.id))
    .where(
      and(
        eq(deputyPairs.tenantId, tx.tenantId),
        scope === "all" ? undefined : inArray(deputyPairs.townshipId, scope),
        which,
      ),
    )
    .orderBy(asc(townships.name), asc(deputies.name), asc(deputyPairs.kind), asc(deputyPairs.householdName));
}

/** Whether a pair's last visit (or none) is before `since`: no visit in the last N months. */
export const isOverdue = (lastVisit: string | null, since: string) => lastVisit === null || lastVisit < since;

/**
 * 双联 for the township operator and the county admin: every pair of their deputies, by deputy,
 * with its last visit; `overdue` keeps those without a visit in the last `months` months
 * (counted back from today by the app's clock). Phones masked.
 */
export async function listPairs(tx: TenantTx, ctx: UseCaseContext, input: Record<string, unknown>) {
  assertCan(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId });
  const { months, overdue } = parseInput(ZListPairs, input);
  const today = localDateOf(ctx.clock.now());
  const since = monthsBefore(today, months);
  const rows = (await pairsInScope(tx, ctx)).map(({ phone, deputyUserId: _, ...row }) => ({
    ...row,
    phone: phone ? maskPhone(phone) : null,
    overdue: isOverdue(row.lastVisit, since),
  }));
  return { months, overdue, since, today, rows: overdue ? rows.filter((r) => r.overdue) : rows };
}
