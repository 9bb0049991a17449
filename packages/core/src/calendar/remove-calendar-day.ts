import { assertCan } from "@rdlink/auth";
import { calendarDays, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { forgetCalendar } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { assertYearHasWorkingDay } from "./assert-working-days";
import { ZDay } from "./calendar-input";

export const ZRemoveCalendarDay = z.object({ day: ZDay });

/** The date becomes an ordinary day again (a working day unless it is a weekend). */
export async function removeCalendarDay(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  const { day } = parseInput(ZRemoveCalendarDay, input);
  await tx.delete(calendarDays).where(and(eq(calendarDays.tenantId, tx.tenantId), eq(calendarDays.day, day)));
  // A make-up workday removed from a year of nothing but holidays would leave it none.
  await assertYearHasWorkingDay(tx, Number(day.slice(0, 4)));
  forgetCalendar(tx.tenantId);
  await recordAudit(tx, ctx, { action: "calendar.day_removed", objectType: "calendar_day", objectId: day });
}
