import { assertCan } from "@rdlink/auth";
import { memberships, type TenantTx, users } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** People with the liaison officer role, who can be given a station. */
export async function listLiaisonCandidates(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId });
  return tx
    .selectDistinct({ userId: users.id, displayName: users.displayName, username: users.username })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "station_liaison"), isNull(users.disabledAt)),
    )
    .orderBy(asc(users.username));
}
