import { z } from "zod";
import { ZName } from "../shared/fields";

/** The items of a standard, one per line in the form: short, distinct, at most 30. */
export const ZChecklistItems = z
  .union([z.string(), z.array(z.string())], { error: "validation.required" })
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(/\r?\n/)).map((item) => item.trim()).filter((item) => item !== ""),
  )
  .pipe(
    z
      .array(z.string().max(30, "validation.tooLong"))
      .min(1, "validation.required")
      .max(30, "validation.tooMany")
      .refine((items) => new Set(items).size === items.length, "validation.duplicateItem"),
  );

export const ZChecklistInput = z.object({ name: ZName, items: ZChecklistItems });
