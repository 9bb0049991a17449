import { calendarYears, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, between, eq, ne } from "drizzle-orm";

/**
 * Whether a deadline counted from `from` to `due` crosses a year whose holidays the county has
 * not settled: computed from the statutes and not yet confirmed, or not in its calendar at all.
 * Such a due time may still move when the State Council notice is out; the case page says so.
 */
export async function countsOnProvisionalCalendar(tx: TenantTx, from: Date, due: Date): Promise<boolean> {
  const first = Number(localDateOf(from).slice(0, 4));
  const last = Number(localDateOf(due).slice(0, 4));
  if (last < first) return false;
  const settled = await tx
    .select({ year: calendarYears.year })
    .from(calendarYears)
    .where(
      and(
        eq(calendarYears.tenantId, tx.tenantId),
        between(calendarYears.year, first, last),
        ne(calendarYears.status, "provisional"),
      ),
    );
  return settled.length < last - first + 1;
}
