import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { createSession, hashPassword, invalidateUserSessions, ZNewPassword } from "@rdlink/auth";
import { type Database, invitations, type TenantTx, tenants, users } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { ManualClock } from "../clock";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { hashInvitationSecret } from "../users/issue-invitation";

const ZToken = z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f-]{36}\.[a-z2-7]{20,64}$/);

export const ZAcceptInvitation = z
  .object({ password: ZNewPassword, confirmPassword: z.string({ error: "validation.required" }) })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

/** The open invitation behind a token, or NotFound (unknown, used, revoked or expired alike). */
async function findOpenInvitation(tx: TenantTx, invitationId: string, secret: string, now: Date) {
  const [row] = await tx
    .select({ invitation: invitations, user: users, tenant: tenants })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(and(eq(invitations.tenantId, tx.tenantId), eq(invitations.id, invitationId)));
  const valid =
    row &&
    !row.invitation.acceptedAt &&
    !row.invitation.revoked &&
    row.invitation.expiresAt > now &&
    row.tenant.status === "active" &&
    constantTimeEqual(
      new TextEncoder().encode(hashInvitationSecret(secret)),
      new TextEncoder().encode(row.invitation.secretHash),
    );
  if (!valid) throw new NotFoundError("errors.invitationInvalid");
  return row;
}

function parseToken(token: string) {
  if (!ZToken.safeParse(token).success) throw new NotFoundError("errors.invitationInvalid");
  const [tenantId, invitationId, secret] = token.split(".") as [string, string, string];
  return { tenantId, invitationId, secret };
}

/**
 * What the invitation page shows before the password is set. `reset`: the user already has a
 * password, so the link is a password reset their admin issued, not an invitation.
 */
export async function getInvitation(db: Database, token: string, now: Date) {
  const { tenantId, invitationId, secret } = parseToken(token);
  return db.withTenant(tenantId, async (tx) => {
    const { user, tenant } = await findOpenInvitation(tx, invitationId, secret, now);
    return {
      username: user.username,
      displayName: user.displayName,
      tenantName: tenant.name,
      reset: user.passwordHash !== null,
    };
  });
}

/**
 * The invitee sets a password; the link is used up, and they are signed in.
 * Validation failures leave the invitation open.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  input: unknown,
  request: { ip: string | null; userAgent: string | null },
  now: Date,
) {
  const { tenantId, invitationId, secret } = parseToken(token);
  const { password } = parseInput(ZAcceptInvitation, input);
  const clock = new ManualClock(now);
  return db.withTenant(tenantId, async (tx) => {
    const { user } = await findOpenInvitation(tx, invitationId, secret, now);
    if (user.disabledAt) throw new ValidationError({}, "errors.invitationInvalid");
    // Used up first, by a conditional update: of requests racing with one link, the others wait
    // for this row, then find it used and change nothing.
    const [used] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invitations.tenantId, tenantId),
          eq(invitations.id, invitationId),
          isNull(invitations.acceptedAt),
          eq(invitations.revoked, false),
        ),
      )
      .returning({ id: invitations.id });
    if (!used) throw new NotFoundError("errors.invitationInvalid");
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), passwordChangedAt: now })
      .where(eq(users.id, user.id));
    // A password reset link (the user had a password): whoever held the old one is signed out.
    const reset = user.passwordHash !== null;
    if (reset) await invalidateUserSessions(tx, user.id);
    const actor = { userId: user.id, displayName: user.displayName };
    await recordAudit(
      tx,
      { actor, ip: request.ip, clock },
      { action: reset ? "user.password_reset" : "invitation.accepted", objectType: "user", objectId: user.id },
    );
    const session = await createSession(tx, user.id, request, now);
    await recordAudit(
      tx,
      { actor, ip: request.ip, clock },
      { action: "auth.signed_in", detail: { username: user.username, via: reset ? "reset" : "invitation" } },
    );
    return session;
  });
}
