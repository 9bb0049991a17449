import { type Actor, hasRole } from "@rdlink/auth";
import { caseChannels, type TenantTx } from "@rdlink/db";
import type { TFieldList } from "@rdlink/forms";
import { z } from "zod";
import { parseInput } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZCheckbox, ZOptionalPhone, ZOptionalText } from "../shared/fields";
import { CASE_CATEGORIES } from "./case-categories";

/** Photos an opinion may carry. */
export const MAX_OPINION_PHOTOS = 3;

type TCaseChannel = (typeof caseChannels)[number];
/** Not a citizen's way in that staff record: the QR page and the API record themselves; `deputy` see channelsFor; `pair` only from a 双联 visit (0028). */
const NOT_STAFF_CHANNELS = ["qr", "api", "deputy", "pair"] as const;
type TStaffChannel = Exclude<TCaseChannel, (typeof NOT_STAFF_CHANNELS)[number]>;
const isStaffChannel = (channel: TCaseChannel): channel is TStaffChannel =>
  !(NOT_STAFF_CHANNELS as readonly string[]).includes(channel);

/** How a citizen brought an opinion that staff register for them: at a reception day, on a visit, by phone, by letter. */
export const STAFF_CHANNELS: readonly TStaffChannel[] = caseChannels.filter(isStaffChannel);

/** The channels this actor may register an opinion by: a deputy also by their own submission (`deputy`). */
export function channelsFor(actor: Actor): (TStaffChannel | "deputy")[] {
  return hasRole(actor, "deputy") ? [...STAFF_CHANNELS, "deputy"] : [...STAFF_CHANNELS];
}

/**
 * What every intake form asks, whoever fills it in (the citizen on the public page, a
 * liaison officer at the station, another system): the opinion, its category, and an
 * optional name and phone number, which needs the citizen's consent.
 */
export const ZOpinion = z
  .object({
    content: z
      .string({ error: "validation.required" })
      .trim()
      .min(5, "validation.tooShort")
      .max(2000, "validation.tooLong"),
    category: z.enum(CASE_CATEGORIES, { error: "validation.required" }),
    submitterName: ZOptionalText(30),
    submitterPhone: ZOptionalPhone,
    consent: ZCheckbox,
    fields: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((o) => o.submitterPhone === null || o.consent, {
    message: "validation.consentRequired",
    path: ["consent"],
  });

export type TOpinion = z.infer<typeof ZOpinion>;

/** The opinion checked, with the station type's own fields (at `fields.<key>`). */
export async function parseOpinion(tx: TenantTx, input: unknown, intakeFields: TFieldList) {
  const opinion = parseInput(ZOpinion, input);
  const fields = await validateFieldValues(tx, intakeFields, opinion.fields, "fields");
  return { ...opinion, fields };
}

/** A line for lists: the start of the opinion, on one line. */
export function titleOf(content: string): string {
  const line = content.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** The case's first event data: what was said, never who said it (that stays on the row). */
export function opinionData(opinion: Awaited<ReturnType<typeof parseOpinion>>, photoIds: string[]) {
  return { content: opinion.content, category: opinion.category, photos: photoIds, ...opinion.fields };
}
