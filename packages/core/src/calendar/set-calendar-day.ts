import { assertCan } from "@rdlink/auth";
import { calendarDays, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { forgetCalendar } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";
import { assertYearHasWorkingDay } from "./assert-working-days";
import { ZDay } from "./calendar-input";
import { ensureCalendarYears } from "./ensure-calendar-years";

export const ZSetCalendarDay = z.object({
  day: ZDay,
  kind: z.enum(["holiday", "workday"], { error: "validation.required" }),
  name: ZName,
});

/**
 * Marks a date as a holiday or a make-up workday (调休), e.g. when the State Council
 * publishes next year's arrangement. Deadlines set from then on count by it; deadlines
 * already set keep their due time. A year left without any working day is refused.
 */
export async function setCalendarDay(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  const { day, kind, name } = parseInput(ZSetCalendarDay, input);
  const year = Number(day.slice(0, 4));
  // A year the county did not hold yet starts from the statutory holidays, then takes the edit.
  await ensureCalendarYears(tx, [year], ctx.clock.now());
  await tx
    .insert(calendarDays)
    .values({ day, kind, name })
    .onConflictDoUpdate({ target: [calendarDays.tenantId, calendarDays.day], set: { kind, name } });
  await assertYearHasWorkingDay(tx, year);
  forgetCalendar(tx.tenantId);
  await recordAudit(tx, ctx, {
    action: "calendar.day_set",
    objectType: "calendar_day",
    objectId: day,
    detail: { kind, name },
  });
}
