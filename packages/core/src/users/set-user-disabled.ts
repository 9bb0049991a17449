import { assertCan, invalidateUserSessions } from "@rdlink/auth";
import { type TenantTx, users } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZSetUserDisabled = z.object({ userId: ZId, disabled: z.boolean() });

/**
 * The county admin disables someone who left (their sessions end at once) or enables
 * them again. Nobody disables their own account.
 */
export async function setUserDisabled(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.users.invite", { tenantId: tx.tenantId });
  const { userId, disabled } = parseInput(ZSetUserDisabled, input);
  if (userId === ctx.actor.userId) throw new ValidationError({}, "errors.cannotDisableSelf");
  const [user] = await tx
    .update(users)
    .set({ disabledAt: disabled ? ctx.clock.now() : null })
    .where(and(eq(users.id, userId), eq(users.homeTenantId, tx.tenantId)))
    .returning({ id: users.id, username: users.username });
  if (!user) throw new NotFoundError();
  if (disabled) await invalidateUserSessions(tx, userId);
  await recordAudit(tx, ctx, {
    action: disabled ? "user.disabled" : "user.enabled",
    objectType: "user",
    objectId: userId,
    detail: { username: user.username },
  });
}
