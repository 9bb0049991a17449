import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { countAndScore, loadScoringRules, publishedScoreTable } from "../scoring/deputy-scores";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { ZPaging } from "../shared/paging";
import { inTownshipScope } from "../shared/scope";
import { countDeputyRecords, emptyDeputyRecord, type TDeputyRecord } from "./count-deputy-records";
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
  ...ZPaging,
});

/**
 * Every deputy's 履职档案 for a year, for the county (all townships) or a township operator (theirs):
 * one row per deputy with their figures, sortable by any of them, a page at a time.
 */
export function listDeputyRecords(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  return deputyRecordRows(tx, ctx, input, { paged: true });
}

/**
 * The rows of the 履职档案 list; `paged: false` gives all of them (the sheet). The order is decided
 * first — by the one figure sorted on, counted for everyone — and the full records are counted
 * only for the rows returned: a county has 2,000 deputies, a page shows 50.
 */
export async function deputyRecordRows(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: unknown,
  { paged }: { paged: boolean },
) {
  const { year: asked, townshipId, sort, page, pageSize } = parseInput(ZListDeputyRecords, input);
  const now = ctx.clock.now();
  const year = recordYear(asked, now);
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId });
  const scope = townshipsInScope(ctx.actor);
  if (townshipId && scope !== "all" && !scope.includes(townshipId)) throw new NotFoundError();
  // The counts are narrowed to the townships only (none for the whole county: no join at all);
  // archived deputies are left out by the list of people the rows come from.
  const inTownships = and(
    inTownshipScope(deputies.townshipId, scope),
    townshipId ? eq(deputies.townshipId, townshipId) : undefined,
  );
  const period = yearPeriod(year);
  // 考核得分 (decision 0027): the published year's frozen score, else the current rules' (none without rules).
  const [published, countyRules, people] = await Promise.all([
    publishedScoreTable(tx, year),
    loadScoringRules(tx),
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
      .where(and(eq(deputies.tenantId, tx.tenantId), isNull(deputies.archivedAt), inTownships))
      .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name))),
  ]);
  const rules = published ? [] : countyRules;
  const frozen = new Map(published?.rows.map((r) => [r.deputyId, r.score]));

  // The one value sorted on, counted for everyone in scope.
  const sortValues = async (by: keyof TDeputyRecord | "score"): Promise<Map<string, number>> => {
    if (by !== "score") {
      const counted = await countDeputyRecords(tx, inTownships, period, [by]);
      return new Map([...counted].map(([id, record]) => [id, record[by]]));
    }
    if (published) return frozen;
    if (rules.length === 0) return new Map();
    const { scores } = await countAndScore(tx, inTownships, year, now, rules, { explain: false, scoredOnly: true });
    return new Map([...scores].map(([id, score]) => [id, score.score]));
  };
  let ordered = people;
  if (sort) {
    const values = await sortValues(sort);
    const value = (id: string) => values.get(id) ?? -1;
    // A stable sort: deputies with the same value keep the directory's order.
    ordered = [...people].sort((a, b) => value(b.id) - value(a.id));
  }
  const shown = paged ? ordered.slice((page - 1) * pageSize, page * pageSize) : ordered;
  const which = paged
    ? inArray(
        deputies.id,
        shown.map((p) => p.id),
      )
    : inTownships;
  const { records, scores } = await countAndScore(tx, which, year, now, rules, { explain: false });
  // Without rules (and unpublished), nobody has a score: the column stays empty rather than 0.
  const scoreOf = (id: string) =>
    published ? (frozen.get(id) ?? null) : rules.length > 0 ? (scores.get(id)?.score ?? null) : null;
  return {
    year,
    thisYear: recordYear(undefined, now),
    period,
    rows: shown.map((row) => ({ ...row, record: records.get(row.id)!, score: scoreOf(row.id) })),
    total: people.length,
    page,
    pageSize,
    /** Whether the year has scores at all, and when its table was published. */
    scoring: { scored: Boolean(published) || rules.length > 0, publishedAt: published?.publishedAt ?? null },
  };
}
