import { z } from "zod";
import { ZId } from "../shared/fields";

const text = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .nullish()
    .transform((v) => v || null);
const count = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(0, "validation.invalid")
  .max(100_000, "validation.invalid");

/** A year of the street's work plan. */
export const ZYear = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2100, "validation.invalid");

/** A candidate project as the street office (or a deputy, through the office) enters it. */
export const ZCandidateInput = z.object({
  year: ZYear,
  title: text(60),
  description: text(2000).pipe(z.string().min(5, "validation.tooShort")),
  /** 万元 as the street writes it, stored in 元. */
  costWan: z.coerce
    .number({ error: "validation.invalid" })
    .positive("validation.invalid")
    .max(100_000, "validation.invalid"),
  proposerKind: z.enum(["citizen", "deputy", "office"], { error: "validation.invalid" }),
  proposerName: optionalText(40),
});

/** A citizen's proposal on the street's public page. */
export const ZPublicCandidateInput = ZCandidateInput.omit({ proposerKind: true, year: true }).extend({
  proposerName: text(40),
});

export const ZScreenInput = z.discriminatedUnion(
  "decision",
  [
    z.object({ decision: z.literal("list"), candidateId: ZId, meetingId: ZId }),
    z.object({ decision: z.literal("drop"), candidateId: ZId, reason: text(200) }),
  ],
  { error: "validation.invalid" },
);

export const ZVotingMeetingInput = z
  .object({
    name: text(80),
    year: ZYear,
    heldOn: z.iso.date({ error: "validation.invalidDate" }),
    rule: z.enum(["majority", "budget"], { error: "validation.invalid" }),
    budgetWan: z.preprocess(
      (v) => (v === "" ? null : v),
      z.coerce
        .number({ error: "validation.invalid" })
        .positive("validation.invalid")
        .max(1_000_000, "validation.invalid")
        .nullish(),
    ),
  })
  .refine((m) => m.rule !== "budget" || m.budgetWan != null, {
    path: ["budgetWan"],
    message: "voting.errors.budgetMissing",
  });

/** A form's list ("a,b", repeated fields, or an array) as an array of its non-blank items. */
const list = (value: unknown) =>
  (Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : value == null ? [] : [value])
    .map((v) => (typeof v === "string" ? v.trim() : v))
    .filter((v) => v !== "");

export const ZPresenceInput = z.object({
  representativeIds: z.preprocess(
    list,
    z.array(ZId).min(1, "voting.errors.noneChosen").max(1000, "validation.tooMany"),
  ),
  present: z.enum(["yes", "no"], { error: "validation.invalid" }),
});

/**
 * A ballot: for each candidate on it "for", "against" or nothing (abstain). The form sends
 * `c.<candidateId>` fields; an API client the same.
 */
export const ZBallotInput = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const marks = new Map<string, "for" | "against">();
  for (const [key, value] of Object.entries(form)) {
    if (!key.startsWith("c.")) continue;
    const id = key.slice(2);
    if (!ZId.safeParse(id).success || (value !== "for" && value !== "against" && value !== "")) {
      ctx.addIssue({ code: "custom", message: "voting.errors.unknownCandidate", path: [key] });
      return z.NEVER;
    }
    if (value !== "") marks.set(id, value);
  }
  return marks;
});

/** One entry of the paper tally: ballots counted, and for each candidate its votes for and against. */
export const ZTallyInput = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const ballots = count.safeParse(form.ballots);
  if (!ballots.success) {
    ctx.addIssue({ code: "custom", message: "validation.invalid", path: ["ballots"] });
    return z.NEVER;
  }
  const counts: Record<string, { for: number; against: number }> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = /^(for|against)\.(.+)$/.exec(key);
    if (!match) continue;
    const [, side, id] = match as unknown as [string, "for" | "against", string];
    const parsed = count.safeParse(value === "" ? 0 : value);
    if (!ZId.safeParse(id).success || !parsed.success) {
      ctx.addIssue({ code: "custom", message: "validation.invalid", path: [key] });
      return z.NEVER;
    }
    counts[id] ??= { for: 0, against: 0 };
    counts[id][side] = parsed.data;
  }
  return { ballots: ballots.data, counts };
});

export const ZProgressInput = z.object({
  candidateId: ZId,
  milestone: text(60),
  note: optionalText(1000).transform((v) => v ?? ""),
  percent: z.coerce
    .number({ error: "validation.invalid" })
    .int("validation.invalid")
    .min(0, "validation.invalid")
    .max(100, "validation.invalid"),
  reportedOn: z.iso.date({ error: "validation.invalidDate" }),
});
