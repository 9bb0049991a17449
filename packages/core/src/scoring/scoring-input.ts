import { z } from "zod";
import type { TDeputyRecord } from "../deputy-records/count-deputy-records";
import { RECORD_FIGURES } from "../deputy-records/record-labels";
import { ZId } from "../shared/fields";

/** The figures a rule may score: every figure of the 履职档案. */
export const SCORED_FIGURES = RECORD_FIGURES.map((f) => f.key);

/** The figures counted month by month (the ledger's), the only ones a monthly minimum may judge. */
export const MONTHLY_FIGURES = [
  "receptions",
  "peopleReceived",
  "visits",
  "mediations",
  "legislativeConsultations",
  "trainings",
  "postServices",
  "otherActivities",
] as const satisfies (keyof TDeputyRecord)[];
export type TMonthlyFigure = (typeof MONTHLY_FIGURES)[number];

export const MAX_RULES = 30;

/** A form's empty field is "" : no value. */
const blank = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : v);

/** Points with at most one decimal, more than 0 and at most `max`. */
const ZPoints = (max: number, message: string) =>
  z.coerce
    .number({ error: message })
    .refine((n) => Number.isFinite(n) && n > 0 && n <= max && Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, message);

export const ZScoringRule = z
  .object({
    ruleId: z.preprocess(blank, ZId.optional()),
    figure: z.enum(SCORED_FIGURES as [keyof TDeputyRecord, ...(keyof TDeputyRecord)[]], {
      error: "validation.scoringUnknownFigure",
    }),
    points: z.preprocess(blank, ZPoints(100, "validation.scoringPointsRange")),
    cap: z.preprocess(blank, ZPoints(1000, "validation.scoringCapRange").optional()),
    monthlyMinimum: z.preprocess(
      blank,
      z.coerce
        .number({ error: "validation.scoringMinimumRange" })
        .int("validation.scoringMinimumRange")
        .min(1, "validation.scoringMinimumRange")
        .max(31, "validation.scoringMinimumRange")
        .optional(),
    ),
    monthlyDeduction: z.preprocess(blank, ZPoints(100, "validation.scoringDeductionRange").optional()),
  })
  .superRefine((rule, issue) => {
    if (rule.cap !== undefined && rule.cap < rule.points) {
      issue.addIssue({ code: "custom", path: ["cap"], message: "validation.scoringCapRange" });
    }
    if (rule.monthlyMinimum !== undefined && rule.monthlyDeduction === undefined) {
      issue.addIssue({
        code: "custom",
        path: ["monthlyDeduction"],
        message: "validation.scoringMinimumNeedsDeduction",
      });
    }
    if (rule.monthlyDeduction !== undefined && rule.monthlyMinimum === undefined) {
      issue.addIssue({ code: "custom", path: ["monthlyMinimum"], message: "validation.scoringDeductionNeedsMinimum" });
    }
    if (rule.monthlyMinimum !== undefined && !(MONTHLY_FIGURES as readonly string[]).includes(rule.figure)) {
      issue.addIssue({ code: "custom", path: ["monthlyMinimum"], message: "validation.scoringNotMonthly" });
    }
  });
