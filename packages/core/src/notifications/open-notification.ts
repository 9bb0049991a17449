import { assertCan } from "@rdlink/auth";
import { notifications, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { markNotificationsRead } from "./mark-notifications-read";

/**
 * Opening one of my notifications reads it, and tells which case it is about (null when it
 * is about none). Another user's notification is not found, as if it did not exist.
 */
export async function openNotification(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.notifications.read", { tenantId: tx.tenantId });
  const { id } = parseInput(z.object({ id: ZId }), input);
  const [notification] = await tx
    .select({ caseId: notifications.caseId, readAt: notifications.readAt })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tx.tenantId),
        eq(notifications.userId, ctx.actor.userId),
        eq(notifications.id, id),
      ),
    );
  if (!notification) throw new NotFoundError();
  if (!notification.readAt) await markNotificationsRead(tx, ctx, { id }, now);
  return { caseId: notification.caseId };
}
