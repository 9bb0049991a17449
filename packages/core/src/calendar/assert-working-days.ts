import { calendarDays, type TenantTx } from "@rdlink/db";
import { calendarFromDays, isWorkingDate } from "@rdlink/workflow";
import { and, between, eq } from "drizzle-orm";
import { ValidationError } from "../shared/errors";

/** Refuses (and so rolls back) an edit after which `year` would have no working day at all. */
export async function assertYearHasWorkingDay(tx: TenantTx, year: number): Promise<void> {
  const rows = await tx
    .select({ date: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .where(and(eq(calendarDays.tenantId, tx.tenantId), between(calendarDays.day, `${year}-01-01`, `${year}-12-31`)));
  const calendar = calendarFromDays(rows);
  const first = Date.UTC(year, 0, 1);
  for (let time = first; time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
    if (isWorkingDate(new Date(time).toISOString().slice(0, 10), calendar)) return;
  }
  throw new ValidationError({ day: "validation.yearWithoutWorkingDay" });
}
