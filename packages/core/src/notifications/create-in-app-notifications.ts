import { cases, notifications, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { notificationRecipients, ZNotifyPayload } from "./notification-recipients";

export const ZNotifyMessage = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  payload: ZNotifyPayload,
  /** When the step queued it: the notification is dated by the event, not by its delivery. */
  createdAt: z.date().optional(),
});

/**
 * The bell's part of delivering a `notify` outbox row: one notification per recipient,
 * resolved from the case as it stands now. Delivering the same row again adds nothing
 * (unique per tenant, outbox row and user). Returns who was notified. A payload that names
 * no known target notifies nobody in-app; the external channel still gets the message.
 */
export async function createInAppNotifications(tx: TenantTx, message: unknown): Promise<string[]> {
  const parsed = ZNotifyMessage.safeParse(message);
  if (!parsed.success) return [];
  const { id, caseId, payload, createdAt } = parsed.data;
  const [kase] = await tx
    .select({
      townshipId: cases.townshipId,
      stationId: cases.stationId,
      handlingUnitId: cases.handlingUnitId,
      assigneeRole: cases.assigneeRole,
      assigneeScope: cases.assigneeScope,
      assigneeTeam: cases.assigneeTeam,
      deputyIds: cases.deputyIds,
      coHandlingUnitIds: cases.coHandlingUnitIds,
      title: cases.title,
      trackingCode: cases.trackingCode,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId)));
  if (!kase) return [];
  const recipients = await notificationRecipients(tx, payload.to, kase);
  if (recipients.length === 0) return [];
  const params: Record<string, string> = {};
  if (kase.title) params.title = kase.title;
  if (kase.trackingCode) params.trackingCode = kase.trackingCode;
  await tx
    .insert(notifications)
    .values(
      recipients.map((userId) => ({
        tenantId: tx.tenantId,
        userId,
        caseId,
        template: payload.template,
        params,
        outboxId: id,
        createdAt,
      })),
    )
    .onConflictDoNothing({ target: [notifications.tenantId, notifications.outboxId, notifications.userId] });
  return recipients;
}
