import { can } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { countAndScore, loadScoringRules, publishedScoreTable } from "../scoring/deputy-scores";
import { describeRule } from "../scoring/score-deputy";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { recordYear, yearPeriod, ZRecordYear } from "./record-input";

const ZGetDeputyRecord = z.object({ deputyId: ZId, year: ZRecordYear.optional() });

/**
 * One deputy's 履职档案 for a year. The deputy reads their own; the county, and the township the
 * deputy belongs to, read everyone's. Anyone else is told it does not exist.
 */
export async function getDeputyRecord(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const id = ZId.safeParse((input as { deputyId?: unknown } | null)?.deputyId);
  if (!id.success) throw new NotFoundError();
  const asked = parseInput(ZGetDeputyRecord, input);
  const year = recordYear(asked.year, ctx.clock.now());
  const [deputy] = await tx
    .select({
      id: deputies.id,
      name: deputies.name,
      level: deputies.level,
      term: deputies.term,
      userId: deputies.userId,
      townshipId: deputies.townshipId,
      townshipName: townships.name,
    })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, id.data)));
  const own = deputy?.userId === ctx.actor.userId;
  if (
    !deputy ||
    !(own || can(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId: deputy.townshipId }))
  ) {
    throw new NotFoundError();
  }
  const period = yearPeriod(year);
  const { userId: _account, ...shown } = deputy;
  // 考核 (decision 0027): the published table's line for them; before publishing, staff see the
  // score under the current rules, the deputy sees nothing yet.
  const [published, countyRules] = await Promise.all([publishedScoreTable(tx, year), loadScoringRules(tx)]);
  const frozen = published?.rows.find((r) => r.deputyId === deputy.id);
  const rules = published || own ? [] : countyRules;
  const { records, scores } = await countAndScore(tx, eq(deputies.id, deputy.id), year, ctx.clock.now(), rules);
  const live = rules.length > 0 ? (scores.get(deputy.id) ?? null) : null;
  const score = published
    ? {
        published: true as const,
        publishedAt: published.publishedAt,
        score: frozen?.score ?? null,
        rank: frozen?.rank ?? null,
        of: published.rows.length,
        lines: frozen?.lines ?? [],
        rules: published.rules,
      }
    : live
      ? {
          published: false as const,
          publishedAt: null,
          score: live.score,
          rank: null,
          of: null,
          lines: live.lines.map((l) => l.text),
          rules: rules.map(describeRule),
        }
      : null;
  return {
    deputy: shown,
    /** The deputy is reading their own record. */
    own,
    year,
    thisYear: recordYear(undefined, ctx.clock.now()),
    period,
    record: records.get(deputy.id)!,
    /** The 考核得分 with a line per rule, or null (no rules; or the deputy's own, not yet published). */
    score,
  };
}
