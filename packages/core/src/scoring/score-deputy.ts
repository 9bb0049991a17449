import { resources } from "@rdlink/i18n";
import type { TDeputyRecord } from "../deputy-records/count-deputy-records";
import { RECORD_FIGURES } from "../deputy-records/record-labels";
import { MONTHLY_FIGURES, type TMonthlyFigure } from "./scoring-input";

const words = resources["zh-CN"].translation.scoring.explain;

/** A county's scoring rule as core reads it (decision 0027). */
export type TScoringRule = {
  id: string;
  figure: keyof TDeputyRecord;
  points: number;
  cap: number | null;
  monthlyMinimum: number | null;
  monthlyDeduction: number | null;
};

export type TScore = {
  /** The total, in points (one decimal at most). */
  score: number;
  /** One line per rule, in the rules' order, in Chinese. */
  lines: { ruleId: string; points: number; text: string }[];
};

/**
 * "{{count}} 次" filled in: templates are split once and joined per use, since a county's table fills
 * a dozen of them for each of its 2,000 deputies.
 */
const compiled = new Map<string, string[]>();
function fill(template: string, values: Record<string, string | number>) {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{\{(\w+)\}\}/); // text, key, text, key, …, text
    compiled.set(template, parts);
  }
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += String(values[parts[i]!] ?? "") + parts[i + 1]!;
  return text;
}

/** A deputy's ledger figures month by month: index 0 is January. */
export type TMonthlyFigures = Partial<Record<TMonthlyFigure, number[]>>;

/** Points are counted in tenths, so 0.5 × 3 is 1.5 and never 1.4999…; shown without a trailing ".0". */
const tenths = (points: number) => Math.round(points * 10);
const shown = (t: number) => String(t / 10);

/** "接待日（次）" → name 接待日, unit 次; "接待人次" → name 接待人次, unit 人次. */
const FIGURE_WORDS = new Map(
  RECORD_FIGURES.map(({ key, label }) => {
    const match = /^(.*)（(.*)）$/.exec(label);
    if (match) return [key, { name: match[1]!, unit: match[2]! }];
    return [key, { name: label, unit: label.endsWith("人次") ? "人次" : words.unitDefault }];
  }),
);
const figureWords = (figure: keyof TDeputyRecord) =>
  FIGURE_WORDS.get(figure) ?? { name: figure, unit: words.unitDefault };

/** A rule said in one sentence: "接待日每次2分，最高20分；每月至少1次，未达到的月份每月扣2分". */
export function describeRule(rule: Omit<TScoringRule, "id">): string {
  const { name, unit } = figureWords(rule.figure);
  let text = fill(words.rule, { figure: name, unit, points: rule.points });
  if (rule.cap !== null) text += fill(words.ruleCap, { cap: rule.cap });
  if (rule.monthlyMinimum !== null) {
    text += fill(words.ruleMinimum, { minimum: rule.monthlyMinimum, unit, deduction: rule.monthlyDeduction ?? 0 });
  }
  return text;
}

/** What one rule gives a deputy, in tenths of a point. */
type TRuleOutcome = {
  count: number;
  base: number;
  capped: boolean;
  /** The months judged by a monthly minimum (null without one), and the missed ones (0 is January). */
  judged: number | null;
  missed: number[];
  deduction: number;
  points: number;
};

/**
 * Per rule: count × points; then the cap (最高分) if any; then, for a monthly minimum, the deduction
 * for each judged month below it (the first `judgedMonths` months of the year: those that have
 * ended); a rule never scores below 0.
 */
function ruleOutcome(
  rule: TScoringRule,
  record: TDeputyRecord,
  monthly: TMonthlyFigures,
  judgedMonths: number,
): TRuleOutcome {
  const count = record[rule.figure];
  const base = count * tenths(rule.points);
  const capped = rule.cap !== null && base > tenths(rule.cap);
  const outcome = {
    count,
    base,
    capped,
    judged: null,
    missed: [],
    deduction: 0,
    points: capped ? tenths(rule.cap!) : base,
  };
  if (rule.monthlyMinimum === null || !(MONTHLY_FIGURES as readonly string[]).includes(rule.figure)) return outcome;
  const perMonth = monthly[rule.figure as TMonthlyFigure] ?? [];
  const judged = Math.max(0, Math.min(12, judgedMonths));
  const missed: number[] = [];
  for (let m = 0; m < judged; m++) if ((perMonth[m] ?? 0) < rule.monthlyMinimum) missed.push(m);
  const deduction = missed.length * tenths(rule.monthlyDeduction ?? 0);
  return { ...outcome, judged, missed, deduction, points: Math.max(0, outcome.points - deduction) };
}

/** The line that explains a rule's outcome: "接待日 10 次 × 2 分 = 20 分；…，计 16 分". */
function explainOutcome(rule: TScoringRule, o: TRuleOutcome): string {
  const { name, unit } = figureWords(rule.figure);
  let text = fill(words.base, { figure: name, count: o.count, unit, points: rule.points, base: shown(o.base) });
  if (o.capped) text += fill(words.capped, { cap: rule.cap! });
  if (o.judged !== null) {
    const minimum = rule.monthlyMinimum!;
    if (o.judged === 0) {
      text += fill(words.monthsNone, { minimum, unit });
    } else if (o.missed.length === 0) {
      text += fill(words.monthsMet, { minimum, unit, months: fill(words.monthsAll, { count: o.judged }) });
    } else {
      const months = o.missed.map((m) => fill(words.month, { month: m + 1 })).join(words.monthSeparator);
      text += fill(words.monthsMissed, { minimum, unit, months, deduction: shown(o.deduction) });
    }
  }
  return text + fill(words.total, { points: shown(o.points) });
}

/**
 * A deputy's score under the county's rules (the sum of the rules'), each rule explained in one line
 * unless `explain` is false (a county-wide list shows only the totals). Pure: no clock, no database.
 */
export function scoreDeputy(
  record: TDeputyRecord,
  monthly: TMonthlyFigures,
  rules: TScoringRule[],
  judgedMonths: number,
  { explain = true } = {},
): TScore {
  let total = 0;
  const lines: TScore["lines"] = [];
  for (const rule of rules) {
    const outcome = ruleOutcome(rule, record, monthly, judgedMonths);
    total += outcome.points;
    if (explain) lines.push({ ruleId: rule.id, points: outcome.points / 10, text: explainOutcome(rule, outcome) });
  }
  return { score: total / 10, lines };
}

/** Ranks by score, most first; equal scores share a rank (1, 1, 3). The order given breaks ties. */
export function rankByScore<T extends { score: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.score !== sorted[i - 1]!.score) rank = i + 1;
    return { ...row, rank };
  });
}
