import { can } from "@rdlink/auth";
import { getLedgerSummary } from "@rdlink/core/activities/get-ledger-summary";
import { addCommunity } from "@rdlink/core/communities/add-community";
import { listCommunities } from "@rdlink/core/communities/list-communities";
import { renameCommunity } from "@rdlink/core/communities/rename-community";
import { setCommunityArchived } from "@rdlink/core/communities/set-community-archived";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import type { TenantTx } from "@rdlink/db";
import { intentAction } from "./county-route.server";

/** What a township page adds for its villages and communities and its ledger. */
export async function loadTownshipExtras(tx: TenantTx, ctx: UseCaseContext, townshipId: string) {
  const canManageCommunities = can(ctx.actor, "tenant.communities.manage", { tenantId: tx.tenantId, townshipId });
  return {
    communityRows: await listCommunities(tx, ctx, { townshipId, includeArchived: canManageCommunities }),
    canManageCommunities,
    ledger: await getLedgerSummary(tx, ctx, { townshipId }),
  };
}

/** The township page's form posts: add, rename, archive or restore one of its communities. */
export function communityAction(args: Parameters<typeof intentAction>[0], townshipId: string) {
  return intentAction(args, {
    add: (tx, ctx, { name }) => addCommunity(tx, ctx, { townshipId, name }),
    rename: (tx, ctx, { id, name }) => renameCommunity(tx, ctx, { id, name }),
    archive: (tx, ctx, { id }) => setCommunityArchived(tx, ctx, { id, archived: true }),
    restore: (tx, ctx, { id }) => setCommunityArchived(tx, ctx, { id, archived: false }),
  });
}
