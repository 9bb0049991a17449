import { assertCan } from "@rdlink/auth";
import { deputies, deputyPairs, notifications, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { notVisitedSince, pairsInScope } from "./list-pairs";
import { monthsBefore, ZOverdueMonths } from "./pair-input";

/**
 * 提醒走访: the township operator (or the county admin) rings the bell of every deputy of theirs
 * with a pair not visited in the last N months — one notification per such pair, naming the
 * household. Deputies without an account are left out (and counted apart).
 */
export async function remindOverdueVisits(tx: TenantTx, ctx: UseCaseContext, input: Record<string, unknown>) {
  assertCan(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId });
  const { months } = parseInput(z.object({ months: ZOverdueMonths }), input);
  const now = ctx.clock.now();
  const since = monthsBefore(localDateOf(now), months);
  const overdue = await tx
    .select({ deputyId: deputyPairs.deputyId, deputyUserId: deputies.userId, householdName: deputyPairs.householdName })
    .from(deputyPairs)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyPairs.tenantId), eq(deputies.id, deputyPairs.deputyId)))
    .where(and(pairsInScope(tx, ctx), notVisitedSince(since)));
  const reachable = overdue.filter((p) => p.deputyUserId !== null);
  if (reachable.length > 0)
    await tx.insert(notifications).values(
      reachable.map((p) => ({
        userId: p.deputyUserId!,
        template: "pair.visitDue",
        params: { household: p.householdName, months: String(months) },
        createdAt: now,
      })),
    );
  await recordAudit(tx, ctx, {
    action: "pair.reminded",
    objectType: "deputyPair",
    detail: { months, pairs: overdue.length, reminded: reachable.length },
  });
  return {
    pairs: overdue.length,
    reminded: reachable.length,
    deputies: new Set(reachable.map((p) => p.deputyId)).size,
  };
}
