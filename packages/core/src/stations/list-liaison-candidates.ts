import { assertCan } from "@rdlink/auth";
import { memberships, membershipTownships, type TenantTx, users } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";

/** People with the liaison officer role and the townships they serve, who can be given a station there. */
export async function listLiaisonCandidates(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId });
  const rows = await tx
    .select({
      userId: users.id,
      displayName: users.displayName,
      username: users.username,
      townshipId: membershipTownships.townshipId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .where(
      and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "station_liaison"), isNull(users.disabledAt)),
    )
    .orderBy(asc(naturalOrder(users.username)));
  const byUser = new Map<string, { userId: string; displayName: string; username: string; townshipIds: string[] }>();
  for (const { townshipId, ...user } of rows) {
    const entry = byUser.get(user.userId) ?? { ...user, townshipIds: [] };
    entry.townshipIds.push(townshipId);
    byUser.set(user.userId, entry);
  }
  return [...byUser.values()];
}
