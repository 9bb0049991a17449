import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordYear, ZRecordYear } from "../deputy-records/record-input";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { loadScoringRules, publishedScoreTable } from "./deputy-scores";
import { describeRule } from "./score-deputy";
import { scoreTableRows } from "./score-table-rows";

const ZGetScoreTable = z.object({ year: ZRecordYear.optional() });

/**
 * The county's 考核 page: its current rules, and the year's 年度考核表 — the frozen one when the
 * year is published, else computed now with the current rules.
 */
export async function getScoreTable(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const now = ctx.clock.now();
  const year = recordYear(parseInput(ZGetScoreTable, input).year, now);
  const rules = await loadScoringRules(tx);
  const published = await publishedScoreTable(tx, year);
  return {
    year,
    thisYear: recordYear(undefined, now),
    rules: rules.map((rule) => ({ ...rule, description: describeRule(rule) })),
    published: published && { publishedAt: published.publishedAt, rules: published.rules },
    rows: published ? published.rows : await scoreTableRows(tx, year, now, rules),
  };
}
