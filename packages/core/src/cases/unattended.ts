import { cases, outbox, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { notificationRecipients } from "../notifications/notification-recipients";

/** The notice the county admins get when a case has nobody to take its step. */
export const UNATTENDED_TEMPLATE = "case.unattended";
/** Its outbox row's index within the step: after any the workflow's own actions could use. */
const NOTICE_INDEX = 1000;

/**
 * After a case enters a state: whether anyone can take it. A step on a staff desk that no
 * active user holds (a station without a liaison, a team without members, a suggestion
 * whose deputies have no account) goes to the county: the case is marked unattended, is on
 * the county admin's desk, and the county admins are told once. It clears as soon as a
 * later step lands on a desk someone holds.
 */
export async function checkAttended(tx: TenantTx, caseId: string, at: Date): Promise<void> {
  const [kase] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
  if (!kase) return;
  const onStaffDesk = kase.status === "active" && kase.assigneeRole !== null && kase.assigneeRole !== "citizen";
  const attended = !onStaffDesk || (await notificationRecipients(tx, "assignee", kase)).length > 0;
  if (attended) {
    if (kase.unattendedSince) await mark(tx, caseId, null);
    return;
  }
  if (kase.unattendedSince) return;
  await mark(tx, caseId, at);
  await tx.insert(outbox).values({
    caseId,
    seq: kase.seq,
    actionIndex: NOTICE_INDEX,
    kind: "notify",
    payload: { to: "county_admin", template: UNATTENDED_TEMPLATE },
    createdAt: at,
    nextAttemptAt: at,
  });
}

function mark(tx: TenantTx, caseId: string, since: Date | null) {
  return tx
    .update(cases)
    .set({ unattendedSince: since })
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
}
