import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { invitations, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";

export const INVITATION_VALID_MS = 7 * 24 * 60 * 60 * 1000;

export function hashInvitationSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/**
 * A one-time link for `userId` to set a password. The token names the tenant and the
 * invitation, plus a secret of which only the hash is stored. Earlier open invitations
 * of the same user stop working.
 */
export async function issueInvitation(
  tx: TenantTx,
  userId: string,
  invitedBy: string | null,
  now: Date,
): Promise<string> {
  await tx
    .update(invitations)
    .set({ revoked: true })
    .where(and(eq(invitations.tenantId, tx.tenantId), eq(invitations.userId, userId), isNull(invitations.acceptedAt)));
  const secret = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const [invitation] = await tx
    .insert(invitations)
    .values({
      userId,
      invitedBy,
      secretHash: hashInvitationSecret(secret),
      expiresAt: new Date(now.getTime() + INVITATION_VALID_MS),
    })
    .returning({ id: invitations.id });
  return `${tx.tenantId}.${invitation!.id}.${secret}`;
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}
