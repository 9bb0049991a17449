import { cases, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { notificationRecipients } from "../notifications/notification-recipients";

/**
 * After a case enters a state: whether anyone can take it. A step on a staff desk that no
 * active user holds (a station without a liaison, a team without members, a suggestion
 * whose deputies have no account) goes to the county: the case is marked unattended and is
 * on the county admin's desk, with a badge. No notification per case: a county with many
 * unstaffed desks would drown its admins' bell; the desk is where they look. The mark clears
 * as soon as a later step lands on a desk someone holds.
 */
export async function checkAttended(tx: TenantTx, caseId: string, at: Date): Promise<void> {
  const [kase] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
  if (!kase) return;
  const onStaffDesk = kase.status === "active" && kase.assigneeRole !== null && kase.assigneeRole !== "citizen";
  const attended = !onStaffDesk || (await notificationRecipients(tx, "assignee", kase)).length > 0;
  if (attended === (kase.unattendedSince === null)) return;
  await tx
    .update(cases)
    .set({ unattendedSince: attended ? null : at })
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
}
