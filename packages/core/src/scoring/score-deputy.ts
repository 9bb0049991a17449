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

/** A deputy's ledger figures month by month: index 0 is January. */
export type TMonthlyFigures = Partial<Record<TMonthlyFigure, number[]>>;

export type TScore = {
  /** The total, in points (one decimal at most). */
  score: number;
  /** One line per rule, in the rules' order, in Chinese. */
  lines: { ruleId: string; points: number; text: string }[];
};

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));

/** Points are counted in tenths, so 0.5 × 3 is 1.5 and never 1.4999…; shown without a trailing ".0". */
const tenths = (points: number) => Math.round(points * 10);
const shown = (t: number) => String(t / 10);

/** "接待日（次）" → name 接待日, unit 次; "接待人次" → name 接待人次, unit 人次. */
function figureWords(figure: keyof TDeputyRecord) {
  const label = RECORD_FIGURES.find((f) => f.key === figure)?.label ?? figure;
  const match = /^(.*)（(.*)）$/.exec(label);
  if (match) return { name: match[1]!, unit: match[2]! };
  return { name: label, unit: label.endsWith("人次") ? "人次" : words.unitDefault };
}

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

/**
 * A deputy's score under the county's rules, each rule explained in one line. Per rule:
 * count × points; then the cap (最高分) if any; then, for a monthly minimum, the deduction for each
 * judged month below it (the first `judgedMonths` months of the year: those that have ended); a
 * rule never scores below 0. The score is the sum of the rules'. Pure: no clock, no database.
 */
export function scoreDeputy(
  record: TDeputyRecord,
  monthly: TMonthlyFigures,
  rules: TScoringRule[],
  judgedMonths: number,
): TScore {
  const lines = rules.map((rule) => {
    const { name, unit } = figureWords(rule.figure);
    const count = record[rule.figure];
    const base = count * tenths(rule.points);
    let text = fill(words.base, { figure: name, count, unit, points: rule.points, base: shown(base) });
    let points = base;
    if (rule.cap !== null && base > tenths(rule.cap)) {
      points = tenths(rule.cap);
      text += fill(words.capped, { cap: rule.cap });
    }
    if (rule.monthlyMinimum !== null && (MONTHLY_FIGURES as readonly string[]).includes(rule.figure)) {
      const perMonth = monthly[rule.figure as TMonthlyFigure] ?? [];
      const minimum = rule.monthlyMinimum;
      const judged = Math.max(0, Math.min(12, judgedMonths));
      const missed = Array.from({ length: judged }, (_, m) => m).filter((m) => (perMonth[m] ?? 0) < minimum);
      if (judged === 0) {
        text += fill(words.monthsNone, { minimum, unit });
      } else if (missed.length === 0) {
        text += fill(words.monthsMet, { minimum, unit, months: fill(words.monthsAll, { count: judged }) });
      } else {
        const deduction = missed.length * tenths(rule.monthlyDeduction ?? 0);
        const months = missed.map((m) => fill(words.month, { month: m + 1 })).join(words.monthSeparator);
        text += fill(words.monthsMissed, { minimum, unit, months, deduction: shown(deduction) });
        points = Math.max(0, points - deduction);
      }
    }
    text += fill(words.total, { points: shown(points) });
    return { ruleId: rule.id, points, text };
  });
  const total = lines.reduce((sum, line) => sum + line.points, 0);
  return { score: total / 10, lines: lines.map((line) => ({ ...line, points: line.points / 10 })) };
}

/** Ranks by score, most first; equal scores share a rank (1, 1, 3). The order given breaks ties. */
export function rankByScore<T extends { score: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => other.score === row.score) + 1 }));
}
