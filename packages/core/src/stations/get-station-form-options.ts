import { assertCan, townshipsInScope } from "@rdlink/auth";
import { communities, type TenantTx } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { listStationTypes } from "../station-types/list-station-types";
import { townshipsToPick } from "../townships/townships-to-pick";
import { listLiaisonCandidates } from "./list-liaison-candidates";

/**
 * What the station form offers to pick from: the types, the townships the actor keeps
 * stations for, their communities and the liaison officers of each township.
 */
export async function getStationFormOptions(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  const townshipRows = await townshipsToPick(tx, ctx.actor);
  const communityRows = await tx
    .select({ id: communities.id, name: communities.name, townshipId: communities.townshipId })
    .from(communities)
    .where(
      and(
        eq(communities.tenantId, tx.tenantId),
        isNull(communities.archivedAt),
        inTownshipScope(communities.townshipId, scope),
      ),
    )
    .orderBy(asc(naturalOrder(communities.name)));
  return {
    types: await listStationTypes(tx, ctx),
    townships: townshipRows,
    communities: communityRows,
    liaisons: await listLiaisonCandidates(tx, ctx),
  };
}
