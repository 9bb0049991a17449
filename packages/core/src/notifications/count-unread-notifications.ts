import { notifications, type TenantTx } from "@rdlink/db";
import { and, count, eq, isNull } from "drizzle-orm";

/** The bell's number: how many of the user's notifications are unread. */
export async function countUnreadNotifications(tx: TenantTx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(notifications)
    .where(
      and(eq(notifications.tenantId, tx.tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)),
    );
  return row?.value ?? 0;
}
