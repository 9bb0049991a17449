import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import type { UseCaseContext } from "../shared/context";
import { loadScoringRules } from "./deputy-scores";
import { describeRule } from "./score-deputy";

/** The county's 考核细则, each with its sentence, for the county admin's page. */
export async function listScoringRules(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const rules = await loadScoringRules(tx);
  return rules.map((rule) => ({ ...rule, description: describeRule(rule) }));
}
