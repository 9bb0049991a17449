import { assertCan } from "@rdlink/auth";
import { handlingUnits, memberships, membershipTownships, roles, type TenantTx, townships, users } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZId, ZName, ZUsername } from "../shared/fields";
import { issueInvitation } from "./issue-invitation";

/** Roles that work for a set of townships and need at least one. */
const TOWNSHIP_SCOPED = new Set(["township_operator", "station_liaison"]);

export const ZInviteUser = z
  .object({
    username: ZUsername,
    displayName: ZName,
    role: z.enum(roles, { error: "validation.required" }),
    townshipIds: z.array(ZId).max(200).default([]),
    /** The unit a handling-unit responder answers for. */
    handlingUnitId: z.preprocess((v) => v || undefined, ZId.optional()),
  })
  .refine((v) => !TOWNSHIP_SCOPED.has(v.role) || v.townshipIds.length > 0, {
    path: ["townshipIds"],
    message: "validation.townshipRequired",
  })
  .refine((v) => v.role !== "handling_unit_responder" || v.handlingUnitId !== undefined, {
    path: ["handlingUnitId"],
    message: "validation.handlingUnitRequired",
  });

/**
 * The county admin adds a person with a role (and township scope, or the handling unit
 * a responder answers for); they get a one-time link to set their password.
 */
export async function inviteUser(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.users.invite", { tenantId: tx.tenantId });
  const { username, displayName, role, townshipIds, handlingUnitId } = parseInput(ZInviteUser, input);
  const scope = TOWNSHIP_SCOPED.has(role) ? [...new Set(townshipIds)] : [];
  if (scope.length > 0) {
    const found = await tx
      .select({ id: townships.id })
      .from(townships)
      .where(and(eq(townships.tenantId, tx.tenantId), inArray(townships.id, scope), isNull(townships.archivedAt)));
    if (found.length !== scope.length) throw new ValidationError({ townshipIds: "validation.unknownTownship" });
  }
  const unitId = role === "handling_unit_responder" ? handlingUnitId! : null;
  if (unitId) {
    const [unit] = await tx
      .select({ id: handlingUnits.id })
      .from(handlingUnits)
      .where(
        and(eq(handlingUnits.tenantId, tx.tenantId), eq(handlingUnits.id, unitId), isNull(handlingUnits.archivedAt)),
      );
    if (!unit) throw new ValidationError({ handlingUnitId: "validation.unknownHandlingUnit" });
  }
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (taken) throw new ConflictError("errors.usernameTaken", "username");

  const [user] = await tx
    .insert(users)
    .values({ username, displayName, homeTenantId: tx.tenantId })
    .returning({ id: users.id });
  const [membership] = await tx
    .insert(memberships)
    .values({ userId: user!.id, role, handlingUnitId: unitId })
    .returning({ id: memberships.id });
  if (scope.length > 0) {
    await tx
      .insert(membershipTownships)
      .values(scope.map((townshipId) => ({ membershipId: membership!.id, townshipId })));
  }
  const invitationToken = await issueInvitation(tx, user!.id, ctx.actor.userId, ctx.clock.now());
  await recordAudit(tx, ctx, {
    action: "user.invited",
    objectType: "user",
    objectId: user!.id,
    detail: { username, role, townships: scope.length, ...(unitId ? { handlingUnitId: unitId } : {}) },
  });
  return { userId: user!.id, invitationToken };
}
