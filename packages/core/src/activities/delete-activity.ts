import { activities, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { findActivityToChange } from "./get-activity";

/**
 * Removes an entry recorded by mistake (its deputies go with it). The audit keeps what it
 * said, so a deletion can be traced; the photos stay in the county's files.
 */
export async function deleteActivity(tx: TenantTx, ctx: UseCaseContext, activityId: unknown) {
  const activity = await findActivityToChange(tx, ctx, activityId);
  await tx.delete(activities).where(and(eq(activities.tenantId, tx.tenantId), eq(activities.id, activity.id)));
  await recordAudit(tx, ctx, {
    action: "activity.deleted",
    objectType: "activity",
    objectId: activity.id,
    detail: {
      stationId: activity.stationId,
      kind: activity.kind,
      day: activity.day,
      peopleReceived: activity.peopleReceived,
      summary: activity.summary.slice(0, 200),
    },
  });
}
