import { z } from "zod";

/** A year of a deputy's record, 2000–2099; the page asks for it, this year otherwise. */
export const ZRecordYear = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2099, "validation.invalid");

export const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
