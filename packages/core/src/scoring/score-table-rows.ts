import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { naturalOrder } from "../shared/natural-order";
import { countAndScore } from "./deputy-scores";
import { rankByScore, type TScoringRule } from "./score-deputy";

/**
 * The county's ranked 年度考核表 under the given rules: every deputy on the roll (not archived), in
 * the directory's order before ranking, so equal scores keep it. Runs in the caller's transaction.
 */
export async function scoreTableRows(tx: TenantTx, year: number, now: Date, rules: TScoringRule[]) {
  const onRoll = isNull(deputies.archivedAt);
  const people = await tx
    .select({ deputyId: deputies.id, name: deputies.name, townshipName: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(and(eq(deputies.tenantId, tx.tenantId), onRoll))
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name)));
  const { scores } = await countAndScore(tx, onRoll, year, now, rules);
  return rankByScore(
    people.map((p) => {
      const { score, lines } = scores.get(p.deputyId)!;
      return { ...p, score, lines: lines.map((l) => l.text) };
    }),
  );
}
