import { z } from "zod";
import { ZId } from "../shared/fields";

/** 五大功能: what a station is for, scored beside its standard's items. */
export const FIVE_FUNCTIONS = ["宣传站", "民意窗", "连心桥", "监督岗", "大课堂"] as const;

const ZYear = z.coerce
  .number({ error: "validation.required" })
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2100, "validation.invalid");
const ZMaxScore = z.coerce
  .number({ error: "validation.required" })
  .int("validation.invalid")
  .min(1, "validation.invalid")
  .max(100, "validation.invalid");

/** Form values that are one id or several (a multi-select posts the field again per value). */
const ZIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((id) => id !== ""))
  .pipe(z.array(ZId));

export const ZOpenStationReview = z
  .object({
    year: ZYear,
    title: z.string().trim().min(1, "validation.required").max(60, "validation.tooLong"),
    checklistId: ZId,
    /** Full marks of each of the standard's items, and of each of the 五大功能. */
    itemMaxScore: ZMaxScore,
    functionMaxScore: ZMaxScore,
    /** None: every township. */
    townshipIds: ZIds,
    reviewerIds: ZIds,
  })
  .refine((v) => v.reviewerIds.length === 2 && v.reviewerIds[0] !== v.reviewerIds[1], {
    path: ["reviewerIds"],
    message: "stationReviews.errors.twoReviewers",
  });

export const ZReviewStation = z.object({ stationId: ZId });

export const ZSubmitEvidence = z.object({
  stationId: ZId,
  /** None: every item of the standard the station has recorded. */
  item: z.string().trim().max(30).optional().default(""),
  note: z.string().trim().max(500, "validation.tooLong").optional().default(""),
});

export const ZReturnItem = z.object({
  stationId: ZId,
  item: z.string().trim().min(1, "validation.required").max(30),
  reason: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
});

export const ZNameModelStations = z.object({
  stationIds: ZIds.pipe(z.array(ZId).min(1, "stationReviews.errors.noStations")),
  level: z.enum(["county", "city", "province"], { error: "validation.required" }),
  year: ZYear,
});

export const ZMarkRectification = z.object({
  /** Stations whose total is below it (and not named 示范站) are sent to 整改. */
  threshold: z.coerce.number({ error: "validation.required" }).min(0, "validation.invalid"),
  rectifyBy: z.iso.date({ error: "validation.invalidDate" }),
});
