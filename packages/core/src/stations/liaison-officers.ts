import { memberships, membershipTownships, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { ValidationError } from "../shared/errors";

/**
 * The station's liaison officers must hold the liaison role for the station's township:
 * otherwise they could not open the station they are to keep.
 */
export async function assertLiaisonOfficers(tx: TenantTx, userIds: string[], townshipId: string) {
  const found = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, "station_liaison"),
        inArray(memberships.userId, userIds),
        eq(membershipTownships.townshipId, townshipId),
      ),
    );
  if (found.length !== new Set(userIds).size) throw new ValidationError({ liaisonUserIds: "validation.liaisonScope" });
  return found.map((row) => row.userId);
}
