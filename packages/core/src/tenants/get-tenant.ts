import { assertCan } from "@rdlink/auth";
import { invitations, memberships, type TenantTx, tenants, users } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";

/** A county as the platform console shows it: status and its county admins' invitation state. */
export async function getTenant(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId));
  if (!tenant) throw new NotFoundError();
  const admins = await tx
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      activated: users.passwordHash,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "county_admin")))
    .orderBy(desc(memberships.createdAt));
  const lastInvitations = await tx
    .select({ userId: invitations.userId, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
    .from(invitations)
    .where(eq(invitations.tenantId, tx.tenantId))
    .orderBy(desc(invitations.createdAt));
  return {
    tenant,
    admins: admins.map(({ activated, ...admin }) => ({
      ...admin,
      activated: activated !== null,
      invitation: lastInvitations.find((i) => i.userId === admin.userId) ?? null,
    })),
  };
}
