import { assertCan } from "@rdlink/auth";
import { notifications, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

/** One notification by id, or all of the user's unread ones. */
export const ZMarkNotificationsRead = z.union([z.object({ id: ZId }), z.object({ all: z.literal(true) })]);

/**
 * Marks the user's own notifications read: one, or all that are unread. Another user's
 * notification is simply not matched (0 marked), never an error that confirms it exists.
 */
export async function markNotificationsRead(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.notifications.read", { tenantId: tx.tenantId });
  const target = parseInput(ZMarkNotificationsRead, input);
  const marked = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.tenantId, tx.tenantId),
        eq(notifications.userId, ctx.actor.userId),
        isNull(notifications.readAt),
        "id" in target ? eq(notifications.id, target.id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  if (marked.length > 0)
    await recordAudit(tx, ctx, {
      action: "notification.read",
      objectType: "notification",
      objectId: "id" in target ? target.id : undefined,
      detail: { count: marked.length },
    });
  return { marked: marked.length };
}
