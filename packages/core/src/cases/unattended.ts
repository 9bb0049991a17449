import type { TenantTx } from "@rdlink/db";
import { notificationRecipients, type RecipientCase } from "../notifications/notification-recipients";

/**
 * Whether anyone can take a case on its desk. A step on a staff desk that no active user holds
 * (a station without a liaison, a team without members, a suggestion whose deputies have no
 * account) goes to the county: the case is marked unattended (`unattended_since`, written with
 * the step or the start that put it there) and is on the county admin's desk, with a badge. No
 * notification per case: a county with many unstaffed desks would drown its admins' bell; the
 * desk is where they look. The mark clears as soon as a later step lands on a desk someone holds.
 */
export async function isAttended(tx: TenantTx, kase: RecipientCase & { status: string }): Promise<boolean> {
  const onStaffDesk = kase.status === "active" && kase.assigneeRole !== null && kase.assigneeRole !== "citizen";
  return !onStaffDesk || (await notificationRecipients(tx, "assignee", kase)).length > 0;
}
