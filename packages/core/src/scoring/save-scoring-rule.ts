import { assertCan } from "@rdlink/auth";
import { deputyScoringRules, type TenantTx } from "@rdlink/db";
import { and, count, eq, max } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { describeRule } from "./score-deputy";
import { MAX_RULES, ZScoringRule } from "./scoring-input";

/**
 * Adds a 考核细则, or changes one (`ruleId`). Refused, nothing written: a figure the record does not
 * count, points out of (0, 100], a cap below the points, a monthly minimum on a figure not counted
 * by month or without its deduction. Published years keep their frozen tables.
 */
export async function saveScoringRule(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const { ruleId, ...fields } = parseInput(ZScoringRule, input);
  const values = {
    figure: fields.figure,
    points: fields.points,
    cap: fields.cap ?? null,
    monthlyMinimum: fields.monthlyMinimum ?? null,
    monthlyDeduction: fields.monthlyDeduction ?? null,
  };
  const mine = eq(deputyScoringRules.tenantId, tx.tenantId);
  let id = ruleId;
  if (ruleId) {
    const updated = await tx
      .update(deputyScoringRules)
      .set(values)
      .where(and(mine, eq(deputyScoringRules.id, ruleId)))
      .returning({ id: deputyScoringRules.id });
    if (updated.length === 0) throw new NotFoundError();
  } else {
    const [existing] = await tx
      .select({ n: count(), last: max(deputyScoringRules.sortOrder) })
      .from(deputyScoringRules)
      .where(mine);
    if ((existing?.n ?? 0) >= MAX_RULES) throw new ConflictError("scoring.errors.tooManyRules");
    const [row] = await tx
      .insert(deputyScoringRules)
      .values({ ...values, sortOrder: (existing?.last ?? -1) + 1, createdBy: ctx.actor.userId })
      .returning({ id: deputyScoringRules.id });
    id = row!.id;
  }
  await recordAudit(tx, ctx, {
    action: "scoring.rule_saved",
    objectType: "deputy_scoring_rule",
    objectId: id,
    detail: { rule: describeRule(values), changed: Boolean(ruleId) },
  });
  return { id: id! };
}
