import { assertCan } from "@rdlink/auth";
import { deputies, deputyStations, dutyPosts, postClaims, stationPosts, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { notifyClaimApprovers } from "./claim-notifications";

export const ZClaimPost = z.object({
  stationId: ZId,
  postId: ZId,
  statement: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(500, "validation.tooLong"),
});

/** A deputy stationed at a station claims (认领) one of its posts, saying what they will do; the township decides. */
export async function claimPost(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.posts.claim", { tenantId: tx.tenantId });
  const { stationId, postId, statement } = parseInput(ZClaimPost, input);
  const [deputy] = await tx
    .select({ id: deputies.id })
    .from(deputies)
    .innerJoin(
      deputyStations,
      and(
        eq(deputyStations.tenantId, deputies.tenantId),
        eq(deputyStations.deputyId, deputies.id),
        eq(deputyStations.stationId, stationId),
      ),
    )
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.userId, ctx.actor.userId)));
  if (!deputy) throw new ValidationError({}, "errors.notStationedHere");
  const [offered] = await tx
    .select({ postId: stationPosts.postId })
    .from(stationPosts)
    .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, stationPosts.tenantId), eq(dutyPosts.id, stationPosts.postId)))
    .where(
      and(
        eq(stationPosts.tenantId, tx.tenantId),
        eq(stationPosts.stationId, stationId),
        eq(stationPosts.postId, postId),
        isNull(stationPosts.withdrawnAt),
        isNull(dutyPosts.archivedAt),
      ),
    );
  if (!offered) throw new ValidationError({ postId: "validation.invalidReference" });
  const [open] = await tx
    .select({ id: postClaims.id })
    .from(postClaims)
    .where(
      and(
        eq(postClaims.tenantId, tx.tenantId),
        eq(postClaims.stationId, stationId),
        eq(postClaims.postId, postId),
        eq(postClaims.deputyId, deputy.id),
        inArray(postClaims.status, ["pending", "approved"]),
      ),
    );
  if (open) throw new ConflictError("errors.alreadyClaimed");
  const [claim] = await tx.insert(postClaims).values({ stationId, postId, deputyId: deputy.id, statement }).returning();
  await recordAudit(tx, ctx, {
    action: "post.claimed",
    objectType: "post_claim",
    objectId: claim!.id,
    detail: { stationId, postId },
  });
  await notifyClaimApprovers(tx, claim!.id);
  return claim!;
}
