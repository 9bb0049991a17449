import {
  deputies,
  dutyPosts,
  memberships,
  membershipTownships,
  notifications,
  postClaims,
  stations,
  type TenantTx,
  users,
} from "@rdlink/db";
import { and, eq, exists, isNull, or } from "drizzle-orm";

/** The claim's names for the bell's sentence: the deputy, the post, the station. */
async function claimParams(tx: TenantTx, claimId: string) {
  const [row] = await tx
    .select({
      deputy: deputies.name,
      deputyUserId: deputies.userId,
      post: dutyPosts.name,
      station: stations.name,
      townshipId: stations.townshipId,
    })
    .from(postClaims)
    .innerJoin(deputies, and(eq(deputies.tenantId, postClaims.tenantId), eq(deputies.id, postClaims.deputyId)))
    .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, postClaims.tenantId), eq(dutyPosts.id, postClaims.postId)))
    .innerJoin(stations, and(eq(stations.tenantId, postClaims.tenantId), eq(stations.id, postClaims.stationId)))
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.id, claimId)));
  return row!;
}

/**
 * 认领待审批: rings the bell of those who decide claims at the station (the county's admins and
 * the operators of its township; accounts not disabled), in the claim's transaction.
 */
export async function notifyClaimApprovers(tx: TenantTx, claimId: string): Promise<void> {
  const { deputyUserId: _, townshipId, ...params } = await claimParams(tx, claimId);
  const approvers = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        isNull(users.disabledAt),
        or(
          eq(memberships.role, "county_admin"),
          and(
            eq(memberships.role, "township_operator"),
            exists(
              tx
                .select({ one: membershipTownships.townshipId })
                .from(membershipTownships)
                .where(
                  and(
                    eq(membershipTownships.tenantId, memberships.tenantId),
                    eq(membershipTownships.membershipId, memberships.id),
                    eq(membershipTownships.townshipId, townshipId),
                  ),
                ),
            ),
          ),
        ),
      ),
    );
  if (approvers.length > 0)
    await tx
      .insert(notifications)
      .values(approvers.map(({ userId }) => ({ userId, template: "post.claimPending", params })));
}

/** 认领审批结果: tells the deputy who claimed (if they have an account) that it was approved or declined. */
export async function notifyClaimant(tx: TenantTx, claimId: string, approved: boolean): Promise<void> {
  const { deputyUserId, townshipId: _, ...params } = await claimParams(tx, claimId);
  if (!deputyUserId) return;
  await tx.insert(notifications).values({
    userId: deputyUserId,
    template: approved ? "post.claimApproved" : "post.claimDeclined",
    params,
  });
}
