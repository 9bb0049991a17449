import { can } from "@rdlink/auth";
import { activityKinds, deputies, dutyPosts, stations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

/** Photos one ledger entry may carry. */
export const MAX_ACTIVITY_PHOTOS = 6;

const ZCount = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? 0 : v),
  z.coerce
    .number({ error: "validation.notANumber" })
    .int("validation.notANumber")
    .min(0, "validation.outOfRange")
    .max(100_000, "validation.outOfRange"),
);

/**
 * The ledger is no place for citizens' numbers: a mobile number typed into a summary is
 * kept with its middle hidden (138****5678), so no list or page can ever show it.
 */
export function maskMobileNumbers(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2");
}

/** Whether "YYYY-MM-DD" names a day that exists (Date would roll 2026-02-30 over into March). */
const isCalendarDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
};

/** A calendar day, "YYYY-MM-DD", from 2000 on (`activityInput` adds: not after today). */
export const ZActivityDay = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate")
  .refine((day) => isCalendarDay(day) && day >= "2000-01-01", "validation.invalidDate");

export const ZActivity = z.object({
  stationId: ZId,
  kind: z.enum(activityKinds, { error: "validation.required" }),
  day: ZActivityDay,
  deputyIds: z.array(ZId).max(100, "validation.tooMany").default([]),
  peopleReceived: ZCount,
  disputesMediated: ZCount,
  jobsArranged: ZCount,
  postId: z.preprocess((v) => v || undefined, ZId.optional()),
  summary: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(2000, "validation.tooLong")
    .transform(maskMobileNumbers),
});
export type TActivity = z.infer<typeof ZActivity>;

/** An entry as recording and editing check it: its day not after `today` (by the request's clock). */
export const activityInput = (today: string) =>
  ZActivity.extend({ day: ZActivityDay.refine((day) => day <= today, "validation.dateInFuture") });

/**
 * Checks what the entry refers to, in this county: a station the actor records for, deputies
 * of the county, and a duty post (kept only for post service). Returns the station, the
 * deputies, and the entry's columns as they are stored (with the station's township).
 */
export async function checkActivityReferences(tx: TenantTx, ctx: UseCaseContext, data: TActivity) {
  const [station] = await tx
    .select({ id: stations.id, townshipId: stations.townshipId, name: stations.name })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, data.stationId)));
  // Another township's station reads like a station that does not exist.
  if (
    !station ||
    !can(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId, townshipId: station.townshipId })
  )
    throw new ValidationError({ stationId: "validation.unknownStation" });
  const deputyIds = [...new Set(data.deputyIds)];
  if (deputyIds.length > 0) {
    const found = await tx
      .select({ id: deputies.id })
      .from(deputies)
      .where(and(eq(deputies.tenantId, tx.tenantId), inArray(deputies.id, deputyIds), isNull(deputies.archivedAt)));
    if (found.length !== deputyIds.length) throw new ValidationError({ deputyIds: "validation.invalidReference" });
  }
  const postId = data.kind === "postService" ? (data.postId ?? null) : null;
  if (postId) {
    const [post] = await tx
      .select({ id: dutyPosts.id })
      .from(dutyPosts)
      .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, postId)));
    if (!post) throw new ValidationError({ postId: "validation.invalidReference" });
  }
  const columns = {
    stationId: station.id,
    townshipId: station.townshipId,
    kind: data.kind,
    day: data.day,
    peopleReceived: data.peopleReceived,
    disputesMediated: data.disputesMediated,
    jobsArranged: data.jobsArranged,
    postId,
    summary: data.summary,
  };
  return { station, deputyIds, columns };
}
