import { createSession, hashPassword, invalidateUserSessions, verifyPassword, ZNewPassword } from "@rdlink/auth";
import { type Database, users } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAuditOf } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";

export const ZChangePassword = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
    password: ZNewPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

/** A new password ends every session of the user; this device gets a fresh one. */
export async function changePassword(
  db: Database,
  ctx: UseCaseContext,
  input: unknown,
  request: { userAgent: string | null },
) {
  const { currentPassword, password } = parseInput(ZChangePassword, input);
  return db.withoutTenant(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId));
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ValidationError({ currentPassword: "validation.currentPasswordWrong" });
    }
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), passwordChangedAt: ctx.clock.now() })
      .where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id);
    await recordAuditOf(tx, ctx.actor.tenantId, ctx, {
      action: "auth.password_changed",
      objectType: "user",
      objectId: user.id,
    });
    return createSession(tx, user.id, { ip: ctx.ip, userAgent: request.userAgent }, ctx.clock.now());
  });
}
