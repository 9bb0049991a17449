import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { type AppTx, sessions, tenants, users } from "@rdlink/db";
import { eq, lt } from "drizzle-orm";

/** A session ends after this long without a request … */
export const SESSION_IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** … and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** The idle deadline is pushed back at most this often, to spare a write per request. */
const SLIDE_EVERY_MS = 60 * 1000;

export type ValidSession = {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  /** The user and their county, read with the session (the check needs them), so no second lookup does it again. */
  user: typeof users.$inferSelect;
  tenant: typeof tenants.$inferSelect | null;
};

function randomString(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/**
 * Lucia's current design: the token is `<id>.<secret>`, 32 random bytes of secret;
 * the database keeps only the secret's SHA-256, so a leaked table opens no session.
 */
export async function createSession(
  tx: AppTx,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomString(15);
  const secret = randomString(32);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_TIMEOUT_MS);
  await tx.insert(sessions).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastUsedAt: now,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token: `${id}.${secret}`, expiresAt };
}

/**
 * The session behind a token, or null when it is unknown, expired, its user is
 * disabled or its county suspended. Slides the idle deadline.
 */
export async function validateSessionToken(tx: AppTx, token: string, now: Date): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 128) return null;
  const [row] = await tx
    .select({ session: sessions, user: users, tenant: tenants })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(tenants, eq(tenants.id, users.homeTenantId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session, user, tenant } = row;
  const secretMatches = constantTimeEqual(
    new TextEncoder().encode(hashSecret(secret)),
    new TextEncoder().encode(session.secretHash),
  );
  if (!secretMatches) return null;
  const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS;
  const ended = now >= session.expiresAt || now.getTime() >= absoluteEnd;
  if (ended || user.disabledAt || tenant?.status === "suspended") {
    await tx.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastUsedAt.getTime() >= SLIDE_EVERY_MS) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_TIMEOUT_MS, absoluteEnd));
    await tx.update(sessions).set({ lastUsedAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  return { sessionId: id, userId: session.userId, expiresAt, user, tenant };
}

export async function invalidateSession(tx: AppTx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** On password change, disabling a user, or suspending their county. */
export async function invalidateUserSessions(tx: AppTx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(tx: AppTx, now: Date): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, now));
}

export function sessionIdOf(token: string): string | null {
  return token.split(".")[0] || null;
}
