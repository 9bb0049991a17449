import { assertCan } from "@rdlink/auth";
import { calendarYears, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZCalendarYear } from "./calendar-input";

export const ZConfirmCalendarYear = z.object({ year: ZCalendarYear });

/**
 * The county has checked a provisional year against the State Council notice (and edited
 * what differed): its deadlines are no longer marked provisional.
 */
export async function confirmCalendarYear(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  const { year } = parseInput(ZConfirmCalendarYear, input);
  const where = and(eq(calendarYears.tenantId, tx.tenantId), eq(calendarYears.year, year));
  const [held] = await tx.select({ status: calendarYears.status }).from(calendarYears).where(where);
  if (!held) throw new NotFoundError();
  if (held.status !== "provisional") throw new ConflictError("errors.calendarYearNotProvisional");
  await tx
    .update(calendarYears)
    .set({ status: "confirmed", confirmedAt: ctx.clock.now(), confirmedBy: ctx.actor.userId })
    .where(where);
  await recordAudit(tx, ctx, {
    action: "calendar.year_confirmed",
    objectType: "calendar_year",
    objectId: String(year),
  });
}
