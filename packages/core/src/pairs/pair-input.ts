import { pairKinds, pairVisitForms } from "@rdlink/db";
import { z } from "zod";
import { ZActivityDay } from "../activities/activity-input";
import { CASE_CATEGORIES } from "../cases/case-categories";
import { parseInput, ValidationError } from "../shared/errors";
import { ZCheckbox, ZId, ZOptionalPhone, ZOptionalText } from "../shared/fields";

/** Photos one visit may carry. */
export const MAX_VISIT_PHOTOS = 3;

/** 几个月未走访: the default the overdue list and the reminder start from, and the most one may ask. */
export const DEFAULT_OVERDUE_MONTHS = 3;
const MAX_OVERDUE_MONTHS = 24;

const ZText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

/** A household paired with a deputy: who, where, which of the three kinds; a phone if they give one. */
export const ZPair = z.object({
  deputyId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  kind: z.enum(pairKinds, { error: "validation.required" }),
  householdName: ZText(40),
  address: ZText(100),
  community: ZOptionalText(40),
  phone: ZOptionalPhone,
});

/**
 * A visit as the deputy records it: its day (not after today — `parseVisit` adds that), form and
 * what was learned; with `raiseOpinion` checked, an opinion to register (content and category).
 */
export const ZVisit = z.object({
  pairId: ZId,
  visitedOn: ZActivityDay,
  form: z.enum(pairVisitForms, { error: "validation.required" }),
  learned: ZText(2000),
  raiseOpinion: ZCheckbox,
});

/** A visit as recording checks it: not dated after `today` (by the request's clock). */
export function parseVisit(input: unknown, today: string) {
  const data = parseInput(ZVisit, input);
  if (data.visitedOn > today) throw new ValidationError({ visitedOn: "pairs.errors.visitInFuture" });
  return data;
}

/** A pair as creating checks it; a kind that is none of the three is named as such. */
export function parsePair(input: unknown) {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (typeof kind === "string" && kind !== "" && !(pairKinds as readonly string[]).includes(kind))
    throw new ValidationError({ kind: "pairs.errors.unknownKind" });
  return parseInput(ZPair, input);
}

/** The opinion raised from a visit: what the household asked, and its category. */
export const ZVisitOpinion = z.object({
  opinionContent: z
    .string({ error: "validation.required" })
    .trim()
    .min(5, "validation.tooShort")
    .max(2000, "validation.tooLong"),
  category: z.enum(CASE_CATEGORIES, { error: "validation.required" }),
});

/** N in "N 个月未走访": a whole number of months, 1–24; empty is the default. */
export const ZOverdueMonths = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? DEFAULT_OVERDUE_MONTHS : v),
  z.coerce
    .number({ error: "validation.notANumber" })
    .int("validation.notANumber")
    .min(1, "validation.outOfRange")
    .max(MAX_OVERDUE_MONTHS, "validation.outOfRange"),
);

/**
 * The first day still "within the last N months" of `today` (both "YYYY-MM-DD"): the same day
 * N months earlier, or that month's last day when it has no such day (31 May − 3 months = 28/29 Feb).
 */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}
