import { calendarDays, type TenantTx } from "@rdlink/db";
import { defaultCalendarDays } from "@rdlink/workflow";

/** The statutory holidays and make-up workdays of the given years, as the county's editable calendar. */
export async function seedCalendar(tx: TenantTx, years: number[]): Promise<number> {
  const rows = years
    .flatMap((year) => defaultCalendarDays(year))
    .map(({ date, kind, name }) => ({ day: date, kind, name }));
  if (rows.length > 0) await tx.insert(calendarDays).values(rows).onConflictDoNothing();
  return rows.length;
}
