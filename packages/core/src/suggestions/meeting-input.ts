import { z } from "zod";
import { ZCheckbox, ZId } from "../shared/fields";

/** A 交办会 as its form sends it: the day it is held, its name (made from the session's unless given), who attends. */
export const ZMeetingInput = z.object({
  heldOn: z.iso.date({ error: "validation.invalidDate" }),
  name: z
    .string()
    .trim()
    .max(80, "validation.tooLong")
    .nullish()
    .transform((v) => v || null),
  attendees: z
    .string()
    .trim()
    .max(2000, "validation.tooLong")
    .nullish()
    .transform((v) => v ?? ""),
});

/** A form's list ("a,b", repeated fields, or an array) as an array of its non-blank items. */
const list = (value: unknown) =>
  (Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : value == null ? [] : [value])
    .map((v) => (typeof v === "string" ? v.trim() : v))
    .filter((v) => v !== "");

/**
 * 主办 and 协办 for the selected suggestions (their cases). A whole session's list in one go: a
 * few hundred suggestions; the 1,000 cap only keeps one request's work bounded.
 */
export const ZProposeUnits = z.object({
  caseIds: z.preprocess(list, z.array(ZId).min(1, "validation.noneSelected").max(1000, "validation.tooMany")),
  leadUnitId: z.string({ error: "validation.required" }).trim().min(1, "validation.required").pipe(ZId),
  coUnitIds: z.preprocess(list, z.array(ZId).max(20, "validation.tooMany")),
  keySupervision: ZCheckbox,
});

/** Taking the proposals off the selected suggestions. */
export const ZClearProposals = z.object({
  caseIds: z.preprocess(list, z.array(ZId).min(1, "validation.noneSelected").max(1000, "validation.tooMany")),
});
