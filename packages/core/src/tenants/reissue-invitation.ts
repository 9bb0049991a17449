import { assertCan, can } from "@rdlink/auth";
import { memberships, type TenantTx, users } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { issueInvitation } from "../users/issue-invitation";

/**
 * A fresh one-time link for a user of this county who has not set a password yet
 * (the first link expired or was lost). Platform staff may do it for county admins.
 */
export async function reissueInvitation(tx: TenantTx, ctx: UseCaseContext, userIdInput: unknown) {
  if (!can(ctx.actor, "platform.tenants.manage"))
    assertCan(ctx.actor, "tenant.users.invite", { tenantId: tx.tenantId });
  const userId = parseInput(ZId, userIdInput);
  const [member] = await tx
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)))
    .limit(1);
  if (!member) throw new NotFoundError();
  if (member.passwordHash) throw new ConflictError("errors.alreadyActivated");
  const token = await issueInvitation(tx, userId, ctx.actor.userId, ctx.clock.now());
  await recordAudit(tx, ctx, { action: "invitation.reissued", objectType: "user", objectId: userId });
  return token;
}
