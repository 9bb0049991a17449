import { calendarDays, calendarYears, type TenantTx } from "@rdlink/db";
import { chinaHolidayYear } from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { forgetCalendar } from "../cases/drizzle-case-store";

/**
 * Gives the county the years it lacks: the holidays of the State Council notice where it is
 * known ("official"), else those computed from the statutes ("provisional", to be confirmed by
 * the county). Years it already holds are left as the county edited them. Returns the years added.
 */
export async function ensureCalendarYears(tx: TenantTx, years: number[], now: Date): Promise<number[]> {
  const held = await tx
    .select({ year: calendarYears.year })
    .from(calendarYears)
    .where(and(eq(calendarYears.tenantId, tx.tenantId), inArray(calendarYears.year, years)));
  const missing = [...new Set(years)].filter((year) => !held.some((h) => h.year === year));
  for (const year of missing) {
    const { provisional, days } = chinaHolidayYear(year);
    await tx
      .insert(calendarYears)
      .values({ year, status: provisional ? "provisional" : "official", createdAt: now })
      .onConflictDoNothing();
    if (days.length > 0)
      await tx
        .insert(calendarDays)
        .values(days.map(({ date, kind, name }) => ({ day: date, kind, name })))
        .onConflictDoNothing();
  }
  if (missing.length > 0) forgetCalendar(tx.tenantId);
  return missing;
}
