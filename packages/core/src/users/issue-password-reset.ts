import { assertCan } from "@rdlink/auth";
import { memberships, type TenantTx, users } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { issueInvitation } from "./issue-invitation";

/**
 * 重设密码: a user of this county who forgot their password gets a one-time link from their
 * county admin, the same kind of link as an invitation (7 days, only its hash stored, earlier
 * open links revoked); setting the password through it ends the user's sessions. Audited. A
 * user who never set a password is sent a fresh invitation instead (reissueInvitation), and a
 * disabled account is enabled first.
 */
export async function issuePasswordReset(tx: TenantTx, ctx: UseCaseContext, userIdInput: unknown) {
  assertCan(ctx.actor, "tenant.users.invite", { tenantId: tx.tenantId });
  const userId = parseInput(ZId, userIdInput);
  const [member] = await tx
    .select({ username: users.username, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, userId)))
    .limit(1);
  if (!member) throw new NotFoundError();
  if (!member.passwordHash) throw new ConflictError("errors.notActivated");
  if (member.disabledAt) throw new ConflictError("errors.userDisabled");
  const token = await issueInvitation(tx, userId, ctx.actor.userId, ctx.clock.now());
  // Named in the log by username: the entry says whose password, not only that one was reset.
  await recordAudit(tx, ctx, {
    action: "user.password_reset_issued",
    objectType: "user",
    objectId: userId,
    detail: { username: member.username },
  });
  return token;
}
