import { assertCan } from "@rdlink/auth";
import { calendarDays, type TenantTx } from "@rdlink/db";
import { and, asc, between, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZCalendarYear } from "./calendar-input";

export const ZListCalendarDays = z.object({ year: ZCalendarYear });

/** The holidays and make-up workdays of one year; every other weekday is a working day. */
export async function listCalendarDays(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.calendar.manage", { tenantId: tx.tenantId });
  const { year } = parseInput(ZListCalendarDays, input);
  return tx
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(and(eq(calendarDays.tenantId, tx.tenantId), between(calendarDays.day, `${year}-01-01`, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
}
