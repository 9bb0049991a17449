import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { countAndScore, loadScoringRules, publishedScoreTable } from "../scoring/deputy-scores";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { emptyDeputyRecord, type TDeputyRecord } from "./count-deputy-records";
import { recordYear, yearPeriod, ZRecordYear } from "./record-input";

const recordFields = Object.keys(emptyDeputyRecord()) as (keyof TDeputyRecord)[];

const ZListDeputyRecords = z.object({
  year: ZRecordYear.optional(),
  townshipId: z.uuid().optional().catch(undefined),
  /** A figure (or the 考核得分) to sort by, most first; the directory's order (township, name) otherwise. */
  sort: z
    .enum(["score", ...recordFields] as [keyof TDeputyRecord | "score", ...(keyof TDeputyRecord | "score")[]])
    .optional()
    .catch(undefined),
});

/**
 * Every deputy's 履职档案 for a year, for the county (all townships) or a township operator (theirs):
 * one row per deputy with their figures, sortable by any of them.
 */
export async function listDeputyRecords(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { year: asked, townshipId, sort } = parseInput(ZListDeputyRecords, input);
  const year = recordYear(asked, ctx.clock.now());
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId });
  const scope = townshipsInScope(ctx.actor);
  if (townshipId && scope !== "all" && !scope.includes(townshipId)) throw new NotFoundError();
  const inScope = and(
    isNull(deputies.archivedAt),
    inTownshipScope(deputies.townshipId, scope),
    townshipId ? eq(deputies.townshipId, townshipId) : undefined,
  );
  const period = yearPeriod(year);
  // 考核得分 (decision 0027): the published year's frozen score, else the current rules' (none without rules).
  const [published, countyRules] = await Promise.all([publishedScoreTable(tx, year), loadScoringRules(tx)]);
  const rules = published ? [] : countyRules;
  const [rows, { records, scores }] = await Promise.all([
    tx
      .select({
        id: deputies.id,
        name: deputies.name,
        level: deputies.level,
        townshipId: deputies.townshipId,
        townshipName: townships.name,
      })
      .from(deputies)
      .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
      .where(and(eq(deputies.tenantId, tx.tenantId), inScope))
      .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name))),
    countAndScore(tx, inScope, year, ctx.clock.now(), rules, { explain: false }),
  ]);
  const frozen = new Map(published?.rows.map((r) => [r.deputyId, r.score]));
  // Without rules (and unpublished), nobody has a score: the column stays empty rather than 0.
  const scoreOf = (id: string) =>
    published ? (frozen.get(id) ?? null) : rules.length > 0 ? (scores.get(id)?.score ?? null) : null;
  const withRecords = rows.map((row) => ({ ...row, record: records.get(row.id)!, score: scoreOf(row.id) }));
  // A stable sort: deputies with the same figure keep the directory's order.
  const value = (row: (typeof withRecords)[number]) => (sort === "score" ? (row.score ?? -1) : row.record[sort!]);
  if (sort) withRecords.sort((a, b) => value(b) - value(a));
  return {
    year,
    thisYear: recordYear(undefined, ctx.clock.now()),
    period,
    rows: withRecords,
    /** Whether the year has scores at all, and when its table was published. */
    scoring: { scored: Boolean(published) || rules.length > 0, publishedAt: published?.publishedAt ?? null },
  };
}
