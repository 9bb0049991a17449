import { assertCan } from "@rdlink/auth";
import { deputyScoringRules, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { describeRule } from "./score-deputy";

const ZRemoveScoringRule = z.object({ ruleId: ZId });

/** Removes a 考核细则; the years already published keep it in their frozen tables. */
export async function removeScoringRule(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const { ruleId } = parseInput(ZRemoveScoringRule, input);
  const [removed] = await tx
    .delete(deputyScoringRules)
    .where(and(eq(deputyScoringRules.tenantId, tx.tenantId), eq(deputyScoringRules.id, ruleId)))
    .returning();
  if (!removed) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "scoring.rule_removed",
    objectType: "deputy_scoring_rule",
    objectId: ruleId,
    detail: { rule: describeRule({ ...removed, figure: removed.figure as never }) },
  });
}
