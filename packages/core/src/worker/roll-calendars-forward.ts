import { type Database, selectRows, tenants } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { eq, sql } from "drizzle-orm";
import { ensureCalendarYears } from "../calendar/ensure-calendar-years";

/**
 * Every active county holds this year's and next year's calendar, so a deadline set today
 * never counts in a year the county has no holidays for. Next year arrives long before
 * 1 November (as a provisional year until the notice is out and the county confirms it).
 * Returns how many counties were given a year.
 */
export async function rollCalendarsForward(db: Database, now: Date): Promise<number> {
  const year = Number(localDateOf(now).slice(0, 4));
  const years = [year, year + 1];
  const active = await db.withoutTenant((tx) =>
    tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, "active")),
  );
  // As app_worker: which county holds both years, without reading anything else of theirs.
  const complete = await db.withWorkerScan((tx) =>
    selectRows<{ tenant_id: string }>(
      tx,
      sql`select tenant_id from calendar_years where year in (${years[0]}, ${years[1]})
          group by tenant_id having count(*) = 2`,
    ),
  );
  const done = new Set(complete.map((row) => row.tenant_id));
  let rolled = 0;
  for (const { id } of active) {
    if (done.has(id)) continue;
    const added = await db.withTenant(id, (tx) => ensureCalendarYears(tx, years, now));
    if (added.length > 0) rolled++;
  }
  return rolled;
}
