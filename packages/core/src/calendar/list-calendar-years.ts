import { assertCan } from "@rdlink/auth";
import { calendarYears, type TenantTx } from "@rdlink/db";
import { asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The years the county's calendar holds, each official, provisional or confirmed by the county. */
export async function listCalendarYears(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  return tx
    .select({ year: calendarYears.year, status: calendarYears.status, confirmedAt: calendarYears.confirmedAt })
    .from(calendarYears)
    .where(eq(calendarYears.tenantId, tx.tenantId))
    .orderBy(asc(calendarYears.year));
}
