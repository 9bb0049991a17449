import { can } from "@rdlink/auth";
import { getLedgerSummary } from "@rdlink/core/activities/get-ledger-summary";
import { addCommunity } from "@rdlink/core/communities/add-community";
import { listCommunities } from "@rdlink/core/communities/list-communities";
import { renameCommunity } from "@rdlink/core/communities/rename-community";
import { setCommunityArchived } from "@rdlink/core/communities/set-community-archived";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import { ValidationError } from "@rdlink/core/shared/errors";
import type { TenantTx } from "@rdlink/db";
import { getDatabase } from "@rdlink/db";
import { failureResponse, readForm } from "./actions.server";

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
export async function communityAction(request: Request, tenantId: string, ctx: UseCaseContext, townshipId: string) {
  const { intent, id, name } = await readForm(request);
  try {
    await getDatabase().withTenant(tenantId, async (tx) => {
      if (intent === "add") await addCommunity(tx, ctx, { townshipId, name });
      else if (intent === "rename") await renameCommunity(tx, ctx, { id, name });
      else if (intent === "archive" || intent === "restore")
        await setCommunityArchived(tx, ctx, { id, archived: intent === "archive" });
      else throw new ValidationError({}, "errors.unknownIntent");
    });
    return { ok: true as const };
  } catch (error) {
    return failureResponse(error);
  }
}
