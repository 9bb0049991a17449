import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { z } from "zod";

/** A year of a deputy's record, 2000–2099. */
export const ZRecordYear = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(2000, "validation.invalid")
  .max(2099, "validation.invalid");

/** The year asked for, or this year (in Asia/Shanghai) when none is. */
export const recordYear = (asked: number | undefined, now: Date) => asked ?? Number(localDateOf(now).slice(0, 4));

export const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
