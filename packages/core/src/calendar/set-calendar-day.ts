import { assertCan } from "@rdlink/auth";
import { calendarDays, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { forgetCalendar } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";

export const ZDay = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate")
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    "validation.invalidDate",
  );

export const ZSetCalendarDay = z.object({
  day: ZDay,
  kind: z.enum(["holiday", "workday"], { error: "validation.required" }),
  name: ZName,
});

/**
 * Marks a date as a holiday or a make-up workday (调休), e.g. when the State Council
 * publishes next year's arrangement. Deadlines set from then on count by it; deadlines
 * already set keep their due time.
 */
export async function setCalendarDay(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  const { day, kind, name } = parseInput(ZSetCalendarDay, input);
  await tx
    .insert(calendarDays)
    .values({ day, kind, name })
    .onConflictDoUpdate({ target: [calendarDays.tenantId, calendarDays.day], set: { kind, name } });
  forgetCalendar(tx.tenantId);
  await recordAudit(tx, ctx, {
    action: "calendar.day_set",
    objectType: "calendar_day",
    objectId: day,
    detail: { kind, name },
  });
}
