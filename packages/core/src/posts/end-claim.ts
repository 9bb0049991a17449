import { can } from "@rdlink/auth";
import { deputies, postClaims, stations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId, ZOptionalText } from "../shared/fields";

export const ZEndClaim = z.object({ claimId: ZId, note: ZOptionalText(300) });

/**
 * A deputy stops serving in a post: they step down themselves, or the township ends it.
 * The claim stays in the post's history with when it ended.
 */
export async function endClaim(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { claimId, note } = parseInput(ZEndClaim, input);
  const [row] = await tx
    .select({ claim: postClaims, townshipId: stations.townshipId, deputyUserId: deputies.userId })
    .from(postClaims)
    .innerJoin(stations, and(eq(stations.tenantId, postClaims.tenantId), eq(stations.id, postClaims.stationId)))
    .innerJoin(deputies, and(eq(deputies.tenantId, postClaims.tenantId), eq(deputies.id, postClaims.deputyId)))
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.id, claimId)));
  const target = { tenantId: tx.tenantId, townshipId: row?.townshipId };
  if (!row || !can(ctx.actor, "tenant.stations.read", target)) throw new NotFoundError();
  const own = row.deputyUserId !== null && row.deputyUserId === ctx.actor.userId;
  if (!own && !can(ctx.actor, "tenant.posts.decide", target)) throw new NotFoundError();
  if (row.claim.status !== "approved") throw new ConflictError("errors.claimNotHeld");
  await tx
    .update(postClaims)
    .set({ status: "ended", endedAt: now, decisionNote: note ?? row.claim.decisionNote })
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.id, claimId)));
  await recordAudit(tx, ctx, { action: "post.claim_ended", objectType: "post_claim", objectId: claimId });
}
