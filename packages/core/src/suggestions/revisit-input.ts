import { revisitFindings } from "@rdlink/db";
import { z } from "zod";
import { ZId, ZName, ZOptionalText } from "../shared/fields";

const ZYear = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2100, "validation.invalid");

/** A form's multi-value field: one value, several, or none. */
const ZMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const ZRevisitCampaignInput = z.object({ name: ZName, year: ZYear });

/** Which answered suggestions the campaign may take: by year or session, answer class, lead unit. */
export const ZRevisitFilter = z.object({
  year: ZYear.optional().catch(undefined),
  sessionId: ZId.optional().catch(undefined),
  classes: ZMany(z.enum(["A", "B", "C"])).catch([]),
  unitId: ZId.optional().catch(undefined),
});
export type TRevisitFilter = z.infer<typeof ZRevisitFilter>;

export const ZAddRevisitItems = z.object({
  suggestionIds: ZMany(ZId).pipe(z.array(ZId).min(1, "validation.required").max(500, "validation.tooMany")),
  /** 督办组 for all of them at once; blank: assigned later. */
  teamId: z.preprocess((v) => (v === "" ? undefined : v), ZId.optional()),
});

export const ZAssignRevisitTeam = z.object({
  itemIds: ZMany(ZId).pipe(z.array(ZId).min(1, "validation.required").max(500, "validation.tooMany")),
  teamId: ZId,
});

const ZDay = z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate");

export const ZRevisitFinding = z.object({
  suggestionId: ZId,
  finding: z.enum(revisitFindings, { error: "validation.required" }),
  note: ZOptionalText(2000),
  foundOn: ZDay,
});

/** 兑现率: kept / items with a finding (部分兑现 is not kept); null when nothing was found yet. */
export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
