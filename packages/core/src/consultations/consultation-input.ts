import { commentChannels, commentFates } from "@rdlink/db";
import { z } from "zod";
import { ZCheckbox, ZId, ZOptionalId, ZOptionalPhone, ZOptionalText } from "../shared/fields";

const ZTitle = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");
const ZDay = z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate");

/** A form's multi-value field: one value, several, or none. */
const ZMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** What a contact point fills in to open a consultation; the draft comes as text or as a .docx. */
export const ZOpenConsultation = z.object({
  stationId: ZId,
  title: ZTitle(200),
  issuingBody: ZTitle(100),
  closesOn: ZDay,
  text: z.string().max(300_000, "validation.tooLong").optional(),
});

/** A comment's text: one article's worth, as a person writes it. */
const ZContent = ZTitle(2000);

/** The public page's comment: on an article or the whole draft, anonymous or with name and phone. */
export const ZPublicComment = z
  .object({
    articleId: ZOptionalId,
    content: ZContent,
    submitterName: ZOptionalText(30),
    submitterPhone: ZOptionalPhone,
    consent: ZCheckbox,
  })
  .refine((c) => c.consent || (!c.submitterName && !c.submitterPhone), {
    path: ["consent"],
    message: "validation.consentRequired",
  });

/** Comments gathered offline (a tea talk, a meeting, a WeChat group): entered by staff. */
export const ZOfflineComment = z.object({
  articleId: ZOptionalId,
  content: ZContent,
  channel: z.enum(commentChannels.filter((c) => c !== "online") as [string, ...string[]], {
    error: "validation.required",
  }),
  peopleCount: z.coerce
    .number({ error: "validation.invalid" })
    .int("validation.invalid")
    .min(1, "validation.invalid")
    .max(10_000, "validation.invalid"),
});

export const ZMergeComments = z.object({
  keepId: ZId,
  duplicateIds: ZMany(ZId).pipe(z.array(ZId).min(1, "validation.required").max(500, "validation.tooMany")),
});

export const ZArticleOpinion = z.object({ articleId: ZId, opinion: ZOptionalText(2000) });

/** The legislature's answer on comments: 采纳 / 部分采纳 / 未采纳, with why. Several at once. */
export const ZMarkFates = z.object({
  commentIds: ZMany(ZId).pipe(z.array(ZId).min(1, "validation.required").max(1000, "validation.tooMany")),
  fate: z.enum(commentFates, { error: "validation.required" }),
  reason: ZOptionalText(500),
});
