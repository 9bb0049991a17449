import { assertCan } from "@rdlink/auth";
import { handlingUnits, memberships, membershipTownships, type TenantTx, townships, users } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";

/** The county's people with their roles, township scope or handling unit, and whether they have set a password. */
export async function listUsers(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.users.read", { tenantId: tx.tenantId });
  const rows = await tx
    .select({
      membershipId: memberships.id,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      activated: users.passwordHash,
      disabledAt: users.disabledAt,
      role: memberships.role,
      townshipName: townships.name,
      handlingUnitName: handlingUnits.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .leftJoin(
      townships,
      and(eq(townships.tenantId, membershipTownships.tenantId), eq(townships.id, membershipTownships.townshipId)),
    )
    .leftJoin(
      handlingUnits,
      and(eq(handlingUnits.tenantId, memberships.tenantId), eq(handlingUnits.id, memberships.handlingUnitId)),
    )
    .where(eq(memberships.tenantId, tx.tenantId))
    .orderBy(asc(naturalOrder(users.username)), asc(memberships.role));

  const byMembership = new Map<
    string,
    {
      userId: string;
      username: string;
      displayName: string;
      activated: boolean;
      disabled: boolean;
      role: string;
      townships: string[];
      handlingUnitName: string | null;
    }
  >();
  for (const r of rows) {
    const entry = byMembership.get(r.membershipId) ?? {
      userId: r.userId,
      username: r.username,
      displayName: r.displayName,
      activated: r.activated !== null,
      disabled: r.disabledAt !== null,
      role: r.role,
      townships: [],
      handlingUnitName: r.handlingUnitName,
    };
    if (r.townshipName) entry.townships.push(r.townshipName);
    byMembership.set(r.membershipId, entry);
  }
  return [...byMembership.values()];
}
