import { assertCan } from "@rdlink/auth";
import { deputyScoreTables, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { recordYear, ZRecordYear } from "../deputy-records/record-input";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { loadScoringRules, publishedScoreTable } from "./deputy-scores";
import { describeRule } from "./score-deputy";
import { scoreTableRows } from "./score-table-rows";

const ZPublishScoreTable = z.object({ year: ZRecordYear });

/**
 * 发布年度考核表: the year's ranked table, computed now with the current rules, is frozen as a
 * snapshot (rows, explanation lines, the rules' sentences); later rule changes leave it alone.
 * A year not yet begun is refused; so is one already published (unpublish it first).
 */
export async function publishScoreTable(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const { year } = parseInput(ZPublishScoreTable, input);
  const now = ctx.clock.now();
  if (year > recordYear(undefined, now)) throw new ConflictError("scoring.errors.futureYear");
  if (await publishedScoreTable(tx, year)) throw new ConflictError("scoring.errors.alreadyPublished");
  const rules = await loadScoringRules(tx);
  const { rows } = await scoreTableRows(tx, year, now, rules);
  try {
    const [table] = await tx
      .insert(deputyScoreTables)
      .values({ year, rules: rules.map(describeRule), rows, publishedAt: now, publishedBy: ctx.actor.userId })
      .returning({ id: deputyScoreTables.id });
    await recordAudit(tx, ctx, {
      action: "scoring.table_published",
      objectType: "deputy_score_table",
      objectId: table!.id,
      detail: { year, deputies: rows.length, rules: rules.length },
    });
    return { id: table!.id, rows };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("scoring.errors.alreadyPublished");
    throw error;
  }
}
