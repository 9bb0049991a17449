import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { naturalOrder } from "../shared/natural-order";
import { countAndScore } from "./deputy-scores";
import { rankByScore, type TScoringRule } from "./score-deputy";

/**
 * The county's ranked 年度考核表 under the given rules: every deputy on the roll (not archived), in
 * the directory's order before ranking, so equal scores keep it. Runs in the caller's transaction.
 * With `only`, every deputy is scored and ranked but only that page's rows are returned and
 * explained: the page shows 50 of 2,000.
 */
export async function scoreTableRows(
  tx: TenantTx,
  year: number,
  now: Date,
  rules: TScoringRule[],
  only?: { page: number; pageSize: number },
) {
  const onRoll = isNull(deputies.archivedAt);
  const [people, { scores, explained }] = await Promise.all([
    tx
      .select({ deputyId: deputies.id, name: deputies.name, townshipName: townships.name })
      .from(deputies)
      .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
      .where(and(eq(deputies.tenantId, tx.tenantId), onRoll))
      .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name))),
    countAndScore(tx, undefined, year, now, rules, { explain: false, scoredOnly: true }),
  ]);
  const ranked = rankByScore(people.map((p) => ({ ...p, score: scores.get(p.deputyId)!.score })));
  const rows = only ? ranked.slice((only.page - 1) * only.pageSize, only.page * only.pageSize) : ranked;
  return {
    rows: rows.map((row) => ({ ...row, lines: explained(row.deputyId).lines.map((l) => l.text) })),
    total: ranked.length,
  };
}
