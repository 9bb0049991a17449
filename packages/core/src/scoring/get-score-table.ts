import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordYear, ZRecordYear } from "../deputy-records/record-input";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";
import { loadScoringRules, publishedScoreTable } from "./deputy-scores";
import { describeRule } from "./score-deputy";
import { scoreTableRows } from "./score-table-rows";

const ZGetScoreTable = z.object({ year: ZRecordYear.optional(), ...ZPaging });

/**
 * The county's 考核 page: its current rules, and a page of the year's 年度考核表 — the frozen one
 * when the year is published, else computed now with the current rules.
 */
export async function getScoreTable(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const now = ctx.clock.now();
  const { year: asked, page, pageSize } = parseInput(ZGetScoreTable, input);
  const year = recordYear(asked, now);
  const [rules, published] = await Promise.all([loadScoringRules(tx), publishedScoreTable(tx, year)]);
  // A page of the ranked table: the frozen one as published, else ranked now and explained for the page.
  const table = published
    ? {
        rows: published.rows.slice((page - 1) * pageSize, page * pageSize),
        total: published.rows.length,
      }
    : await scoreTableRows(tx, year, now, rules, { page, pageSize });
  return {
    year,
    thisYear: recordYear(undefined, now),
    rules: rules.map((rule) => ({ ...rule, description: describeRule(rule) })),
    published: published && { publishedAt: published.publishedAt, rules: published.rules },
    ...table,
    page,
    pageSize,
  };
}
