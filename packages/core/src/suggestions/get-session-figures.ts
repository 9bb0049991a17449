import { assertCan } from "@rdlink/auth";
import { selectRows, type TenantTx } from "@rdlink/db";
import { sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalCompare } from "../shared/natural-order";
import { sessionOf } from "./open-suggestion";
import { ratio } from "./revisit-input";

/** The counts of a session's suggestions, for the session or one lead unit. */
export type TSuggestionCounts = {
  suggestions: number;
  /** 交办: a lead unit is named. */
  assigned: number;
  /** Answered at least once (the case's first answer). */
  answered: number;
  answeredOnTime: number;
  /** Of the answered, those met on (面商) before or after. */
  consulted: number;
  rated: number;
  /** 满意 + 基本满意 (the latest rating). */
  satisfied: number;
  classA: number;
  classB: number;
  classC: number;
  keySupervision: number;
  keySupervisionClosed: number;
  /** 回头看 items with a finding, and of them 兑现 (部分兑现 is not kept). */
  revisited: number;
  kept: number;
};

export type TSuggestionRates = {
  /** 按期答复率 = answered on time / answered. */
  onTimeRate: number | null;
  /** 面商率 = consulted / answered. */
  consultedRate: number | null;
  /** 满意率 = (满意 + 基本满意) / rated. */
  satisfactionRate: number | null;
  /** A/B/C shares of the answered (classified) suggestions. */
  classAShare: number | null;
  classBShare: number | null;
  classCShare: number | null;
  /** 回头看 兑现率 = kept / revisited with a finding. */
  keptRate: number | null;
};

export type TSuggestionFigures = TSuggestionCounts & TSuggestionRates;
export type TUnitSuggestionFigures = TSuggestionFigures & { unitId: string; unitName: string };

type Row = { unit_id: string | null; unit_name: string | null; whole: number } & Record<string, number | string | null>;

/** A rate's shares are of the classified answers: a suggestion answered without a class would skew them. */
function withRates(c: TSuggestionCounts): TSuggestionFigures {
  const classified = c.classA + c.classB + c.classC;
  return {
    ...c,
    onTimeRate: ratio(c.answeredOnTime, c.answered),
    consultedRate: ratio(c.consulted, c.answered),
    satisfactionRate: ratio(c.satisfied, c.rated),
    classAShare: ratio(c.classA, classified),
    classBShare: ratio(c.classB, classified),
    classCShare: ratio(c.classC, classified),
    keptRate: ratio(c.kept, c.revisited),
  };
}

const countsOf = (r: Row): TSuggestionCounts => ({
  suggestions: Number(r.suggestions),
  assigned: Number(r.assigned),
  answered: Number(r.answered),
  answeredOnTime: Number(r.answered_on_time),
  consulted: Number(r.consulted),
  rated: Number(r.rated),
  satisfied: Number(r.satisfied),
  classA: Number(r.class_a),
  classB: Number(r.class_b),
  classC: Number(r.class_c),
  keySupervision: Number(r.key_supervision),
  keySupervisionClosed: Number(r.key_supervision_closed),
  revisited: Number(r.revisited),
  kept: Number(r.kept),
});

/**
 * 会议建议办理情况: a session's figures, for the whole session and per lead unit (主办), in two
 * queries over `suggestions` joined to their cases (what the workflow's capability actions wrote:
 * answer class, first answer and whether on time, 面商, rating, 重点建议, closing) and the
 * 回头看 findings — no case snapshot is read. The units' league table is ordered by 按期答复率,
 * then 满意率 (a unit with nothing to divide last), then name.
 */
export async function getSessionFigures(tx: TenantTx, ctx: UseCaseContext, sessionId: string) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const session = await sessionOf(tx, sessionId);
  const [rows, revisits] = await Promise.all([
    selectRows<Row>(
      tx,
      sql`
      select c.handling_unit_id as unit_id, u.name as unit_name,
        grouping(c.handling_unit_id, u.name) as whole,
        count(*)::int as suggestions,
        count(c.handling_unit_id)::int as assigned,
        count(c.first_answered_at)::int as answered,
        (count(*) filter (where c.first_answered_at is not null and c.answered_on_time))::int as answered_on_time,
        (count(*) filter (where c.first_answered_at is not null and c.consulted_at is not null))::int as consulted,
        count(c.satisfaction)::int as rated,
        (count(*) filter (where c.satisfaction in ('satisfied', 'basic')))::int as satisfied,
        (count(*) filter (where c.answer_class = 'A'))::int as class_a,
        (count(*) filter (where c.answer_class = 'B'))::int as class_b,
        (count(*) filter (where c.answer_class = 'C'))::int as class_c,
        (count(*) filter (where c.key_supervision))::int as key_supervision,
        (count(*) filter (where c.key_supervision and c.closed_at is not null))::int as key_supervision_closed
      from suggestions s
      join cases c on c.tenant_id = s.tenant_id and c.id = s.case_id
      left join handling_units u on u.tenant_id = c.tenant_id and u.id = c.handling_unit_id
      where s.tenant_id = ${tx.tenantId} and s.session_id = ${session.id}
      group by grouping sets ((), (c.handling_unit_id, u.name))`,
    ),
    // 回头看 findings on the session's suggestions, by the suggestion's lead unit.
    selectRows<{ unit_id: string | null; whole: number; revisited: number; kept: number }>(
      tx,
      sql`
      select c.handling_unit_id as unit_id, grouping(c.handling_unit_id) as whole,
        count(r.finding)::int as revisited,
        (count(*) filter (where r.finding = 'kept'))::int as kept
      from revisit_items r
      join suggestions s on s.tenant_id = r.tenant_id and s.id = r.suggestion_id
      join cases c on c.tenant_id = s.tenant_id and c.id = s.case_id
      where r.tenant_id = ${tx.tenantId} and s.session_id = ${session.id}
      group by grouping sets ((), (c.handling_unit_id))`,
    ),
  ]);
  const found = new Map(revisits.map((r) => [Number(r.whole) !== 0 ? "" : (r.unit_id ?? "none"), r]));
  for (const row of rows) {
    const key = Number(row.whole) !== 0 ? "" : (row.unit_id ?? "none");
    row.revisited = found.get(key)?.revisited ?? 0;
    row.kept = found.get(key)?.kept ?? 0;
  }
  // The empty grouping set gives its row even for a session without suggestions (all zero).
  const total = withRates(countsOf(rows.find((r) => Number(r.whole) !== 0)!));
  const units: TUnitSuggestionFigures[] = rows
    .filter((r) => Number(r.whole) === 0 && r.unit_id !== null)
    .map((r) => ({ unitId: r.unit_id!, unitName: r.unit_name ?? "", ...withRates(countsOf(r)) }))
    .sort(
      (a, b) =>
        descending(a.onTimeRate, b.onTimeRate) ||
        descending(a.satisfactionRate, b.satisfactionRate) ||
        naturalCompare(a.unitName, b.unitName),
    );
  return { session, total, units };
}

/** Higher first; nothing to divide (null) after every number. */
const descending = (a: number | null, b: number | null) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a;
