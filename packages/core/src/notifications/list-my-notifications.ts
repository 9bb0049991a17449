import { assertCan } from "@rdlink/auth";
import { cases, notifications, type TenantTx } from "@rdlink/db";
import { and, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { countUnreadNotifications } from "./count-unread-notifications";

export const ZListMyNotifications = z.object({
  unreadOnly: z
    .enum(["1", "true"])
    .optional()
    .catch(undefined)
    .transform((v) => v !== undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).catch(20),
});

/** The signed-in user's own notifications, newest first, with how many are unread. */
export async function listMyNotifications(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.notifications.read", { tenantId: tx.tenantId });
  const { unreadOnly, page, pageSize } = parseInput(ZListMyNotifications, input);
  const mine = and(eq(notifications.tenantId, tx.tenantId), eq(notifications.userId, ctx.actor.userId));
  const filters: (SQL | undefined)[] = [mine, unreadOnly ? isNull(notifications.readAt) : undefined];
  const [rows, [total], unread] = await Promise.all([
    tx
      .select({
        id: notifications.id,
        caseId: notifications.caseId,
        template: notifications.template,
        params: notifications.params,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        caseTitle: cases.title,
        trackingCode: cases.trackingCode,
      })
      .from(notifications)
      .leftJoin(cases, and(eq(cases.tenantId, notifications.tenantId), eq(cases.id, notifications.caseId)))
      .where(and(...filters))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ value: count() })
      .from(notifications)
      .where(and(...filters)),
    countUnreadNotifications(tx, ctx.actor.userId),
  ]);
  return { rows, total: total?.value ?? 0, unread, page, pageSize };
}
