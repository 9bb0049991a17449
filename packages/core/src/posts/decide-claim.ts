import { assertCan, can } from "@rdlink/auth";
import { postClaims, stations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { notifyClaimant } from "./claim-notifications";

export const ZDecideClaim = z.object({
  claimId: ZId,
  decision: z.enum(["approve", "decline"], { error: "validation.required" }),
  note: z.string().trim().max(300, "validation.tooLong").optional(),
});

/** The township approves or declines a pending claim; an approved claim makes the deputy the post's holder from now on. */
export async function decideClaim(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { claimId, decision, note } = parseInput(ZDecideClaim, input);
  const [row] = await tx
    .select({ claim: postClaims, townshipId: stations.townshipId })
    .from(postClaims)
    .innerJoin(stations, and(eq(stations.tenantId, postClaims.tenantId), eq(stations.id, postClaims.stationId)))
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.id, claimId)));
  if (!row || !can(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId, townshipId: row.townshipId })) {
    throw new NotFoundError();
  }
  assertCan(ctx.actor, "tenant.posts.decide", { tenantId: tx.tenantId, townshipId: row.townshipId });
  if (row.claim.status !== "pending") throw new ConflictError("errors.claimDecided");
  await tx
    .update(postClaims)
    .set({
      status: decision === "approve" ? "approved" : "declined",
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      decisionNote: note ?? null,
    })
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.id, claimId)));
  await recordAudit(tx, ctx, {
    action: decision === "approve" ? "post.claim_approved" : "post.claim_declined",
    objectType: "post_claim",
    objectId: claimId,
  });
  await notifyClaimant(tx, claimId, decision === "approve");
}
