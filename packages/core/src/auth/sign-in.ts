import {
  clearAccountFailures,
  createSession,
  decoyPasswordHash,
  lockedUntil,
  recordFailure,
  verifyPassword,
} from "@rdlink/auth";
import { type Database, tenants, users } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditAction } from "../audit/audit-actions";
import { recordAuditOf, recordPlatformAudit } from "../audit/record-audit";
import { ManualClock } from "../clock";
import { parseInput } from "../shared/errors";

export const ZSignIn = z.object({
  username: z.string({ error: "validation.required" }).trim().toLowerCase().min(1, "validation.required").max(64),
  password: z.string({ error: "validation.required" }).min(1, "validation.required").max(256, "validation.tooLong"),
});

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks a password and opens a session. An unknown name, a wrong password, a disabled
 * user and a suspended county all answer "invalid" alike, after the same Argon2 work;
 * too many failures per name or per address lock both out for a doubling while.
 * Every attempt lands in the audit log (the county's, or the platform's).
 */
export async function signIn(
  db: Database,
  input: unknown,
  request: { ip: string | null; userAgent: string | null },
  now: Date,
): Promise<SignInResult> {
  const { username, password } = parseInput(ZSignIn, input);
  const keys = { account: username, address: request.ip };
  return db.withoutTenant(async (tx) => {
    const clock = new ManualClock(now);
    const audit = { actor: null, ip: request.ip, clock };
    const lockEnd = await lockedUntil(tx, keys, now);
    if (lockEnd) {
      await recordPlatformAudit(tx, audit, { action: "auth.sign_in_locked", detail: { username } });
      return { ok: false, reason: "locked", retryAfterSeconds: Math.ceil((lockEnd.getTime() - now.getTime()) / 1000) };
    }

    const [found] = await tx
      .select({ user: users, tenantStatus: tenants.status })
      .from(users)
      .leftJoin(tenants, eq(tenants.id, users.homeTenantId))
      .where(eq(users.username, username));
    const passwordOk = await verifyPassword(found?.user.passwordHash ?? (await decoyPasswordHash()), password);
    const user = found?.user;
    const allowed = user && passwordOk && !user.disabledAt && found.tenantStatus !== "suspended";

    const actor = user ? { userId: user.id, displayName: user.displayName } : null;
    const record = (action: AuditAction, detail: Record<string, unknown>) =>
      recordAuditOf(tx, user?.homeTenantId ?? null, { actor, ip: request.ip, clock }, { action, detail });

    if (!allowed) {
      await recordFailure(tx, keys, now);
      const why = !user ? "unknown_user" : !passwordOk ? "wrong_password" : user.disabledAt ? "disabled" : "suspended";
      await record("auth.sign_in_failed", { username, reason: why });
      return { ok: false, reason: "invalid" };
    }
    await clearAccountFailures(tx, username);
    const session = await createSession(tx, user.id, request, now);
    await record("auth.signed_in", { username });
    return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
  });
}
