import type { TenantTx } from "@rdlink/db";
import { communities } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { findCommunityToManage } from "./rename-community";

export const ZSetCommunityArchived = z.object({ id: ZId, archived: z.boolean() });

/** Archiving hides a community from pickers (merged villages, say); its grids and records stay. */
export async function setCommunityArchived(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { id, archived } = parseInput(ZSetCommunityArchived, input);
  const community = await findCommunityToManage(tx, ctx, id);
  await tx
    .update(communities)
    .set({ archivedAt: archived ? ctx.clock.now() : null })
    .where(and(eq(communities.tenantId, tx.tenantId), eq(communities.id, id)));
  await recordAudit(tx, ctx, {
    action: archived ? "community.archived" : "community.restored",
    objectType: "community",
    objectId: id,
    detail: { name: community.name },
  });
}
