import { z } from "zod";
import { CASE_CATEGORIES } from "../cases/case-categories";
import { ZOptionalText } from "../shared/fields";

/** Ids a picker sends comma-joined (or a list): each one a uuid. */
const ZIdList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((id) => id.trim()).filter((id) => id !== ""))
  .pipe(z.array(z.uuid({ error: "validation.unknownDeputy" })).max(100, "validation.tooMany"));

/** The 领衔代表 picker: exactly one deputy. */
const ZLeadDeputy = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v.join(",") : (v ?? "")).trim())
  .pipe(
    z
      .string()
      .min(1, "validation.leadDeputyRequired")
      .refine((v) => !v.includes(","), "validation.oneLeadDeputy")
      .pipe(z.uuid({ error: "validation.unknownDeputy" })),
  );

export const ZSuggestionNumber = z
  .string({ error: "validation.required" })
  .trim()
  .max(20, "validation.tooLong")
  .nullish()
  .transform((v) => v || null);

/** What every way in gives a suggestion: its text, what it concerns, and who proposes it. */
export const ZSuggestionText = z.object({
  title: z
    .string({ error: "validation.titleRequired" })
    .trim()
    .min(1, "validation.titleRequired")
    .max(100, "validation.tooLong"),
  content: z
    .string({ error: "validation.required" })
    .trim()
    .min(5, "validation.tooShort")
    .max(4000, "validation.tooLong"),
  category: z
    .union([z.enum(CASE_CATEGORIES), z.literal("")], { error: "validation.invalid" })
    .nullish()
    .transform((v) => v || null),
  sector: ZOptionalText(40),
  coDeputyIds: ZIdList,
});

/** A suggestion staff enter on the session page: its number (blank: the next one) and 领衔代表 too. */
export const ZEnterSuggestion = ZSuggestionText.extend({
  number: ZSuggestionNumber,
  leadDeputyId: ZLeadDeputy,
  receivedOn: z.iso
    .date({ error: "validation.invalidDate" })
    .or(z.literal(""))
    .nullish()
    .transform((v) => v || null),
});

/** A deputy's own suggestion: they are its 领衔代表, numbered by the office's next number. */
export const ZSubmitSuggestion = ZSuggestionText.extend({
  sessionId: z.uuid({ error: "validation.sessionRequired" }),
});

export type TSuggestionFields = z.infer<typeof ZSuggestionText> & {
  number: string | null;
  leadDeputyId: string;
  receivedOn: string;
};
