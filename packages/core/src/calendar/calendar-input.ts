import { FIRST_CALENDAR_YEAR, isSupportedCalendarYear, LAST_CALENDAR_YEAR } from "@rdlink/workflow";
import { z } from "zod";

export { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR };

/** A year the county calendar supports (the holiday data's range). */
export const ZCalendarYear = z.coerce
  .number({ error: "validation.calendarYearOutOfRange" })
  .refine(isSupportedCalendarYear, "validation.calendarYearOutOfRange");

/** A real "YYYY-MM-DD" date in a supported year. */
export const ZDay = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate")
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    "validation.invalidDate",
  )
  .refine((day) => isSupportedCalendarYear(Number(day.slice(0, 4))), "validation.calendarYearOutOfRange");
