import { describe, expect, it } from "vitest";
import { emptyDeputyRecord } from "../deputy-records/count-deputy-records";
import { judgedMonthsOf } from "./deputy-scores";
import { describeRule, rankByScore, scoreDeputy, type TScoringRule } from "./score-deputy";

const rule = (over: Partial<TScoringRule>): TScoringRule => ({
  id: "r",
  figure: "receptions",
  points: 1,
  cap: null,
  monthlyMinimum: null,
  monthlyDeduction: null,
  ...over,
});

describe("scoring a deputy (pure)", () => {
  it("counts in tenths: 0.1 × 3 is 0.3, and sums decimals exactly", () => {
    const record = { ...emptyDeputyRecord(), visits: 3, caseSteps: 7 };
    const { score, lines } = scoreDeputy(
      record,
      {},
      [rule({ id: "a", figure: "visits", points: 0.1 }), rule({ id: "b", figure: "caseSteps", points: 0.7 })],
      12,
    );
    expect(score).toBe(5.2);
    expect(lines).toEqual([
      { ruleId: "a", points: 0.3, text: "走访 3 次 × 0.1 分 = 0.3 分，计 0.3 分" },
      { ruleId: "b", points: 4.9, text: "参与办理环节 7 次 × 0.7 分 = 4.9 分，计 4.9 分" },
    ]);
  });

  it("caps, then deducts for each judged month below the minimum, never below 0", () => {
    const record = { ...emptyDeputyRecord(), receptions: 30 };
    const months = [3, 3, 0, 3, 3, 3, 1, 3, 3, 3, 3, 2];
    const capped = rule({ points: 1, cap: 25, monthlyMinimum: 2, monthlyDeduction: 1.5 });
    expect(scoreDeputy(record, { receptions: months }, [capped], 12).lines[0]!.text).toBe(
      "接待日 30 次 × 1 分 = 30 分，上限 25 分；每月至少 2 次：3月、7月未达到，扣 3 分，计 22 分",
    );
    // Only the months that have ended are judged: by mid-May, January to April.
    expect(scoreDeputy(record, { receptions: months }, [capped], 4).score).toBe(23.5);
    expect(scoreDeputy(record, {}, [rule({ points: 1, monthlyMinimum: 1, monthlyDeduction: 10 })], 12).score).toBe(0);
  });

  it("says a rule in one sentence", () => {
    expect(describeRule(rule({ figure: "peopleReceived", points: 0.5, cap: 30 }))).toBe(
      "接待人次每人次0.5分，最高30分",
    );
    expect(describeRule(rule({ figure: "postsHeld", points: 3 }))).toBe("担任岗位每个3分");
  });

  it("ranks equal scores equal, keeping the order given", () => {
    const ranked = rankByScore([
      { name: "甲", score: 5 },
      { name: "乙", score: 9 },
      { name: "丙", score: 5 },
      { name: "丁", score: 1 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ["乙", 1],
      ["甲", 2],
      ["丙", 2],
      ["丁", 4],
    ]);
  });

  it("judges a past year's twelve months, this year's ended months, no month of a future year", () => {
    // 1 March 2028 at 01:00 in Asia/Shanghai (still 29 February in UTC): January and February ended.
    const now = new Date("2028-02-29T17:00:00Z");
    expect(judgedMonthsOf(2027, now)).toBe(12);
    expect(judgedMonthsOf(2028, now)).toBe(2);
    expect(judgedMonthsOf(2029, now)).toBe(0);
  });
});
