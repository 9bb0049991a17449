import { dutyPosts, postClaims, stationPosts, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { stationInScope } from "./station-in-scope";

export const ZSetStationPosts = z.object({
  stationId: ZId,
  postIds: z.array(ZId).max(50, "validation.tooMany"),
});

/**
 * Which of the county's duty posts a station offers. A post that someone holds or has
 * claimed cannot be withdrawn until those claims are ended or decided; a withdrawn post
 * keeps its claims' history, and offering it again brings that history back.
 */
export async function setStationPosts(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { stationId, postIds } = parseInput(ZSetStationPosts, input);
  const station = await stationInScope(tx, ctx, stationId, "tenant.stations.manage");
  const wanted = [...new Set(postIds)];
  if (wanted.length > 0) {
    const found = await tx
      .select({ id: dutyPosts.id })
      .from(dutyPosts)
      .where(and(eq(dutyPosts.tenantId, tx.tenantId), inArray(dutyPosts.id, wanted), isNull(dutyPosts.archivedAt)));
    if (found.length !== wanted.length) throw new ValidationError({ postIds: "validation.invalidReference" });
  }
  const offered = await tx
    .select({ postId: stationPosts.postId })
    .from(stationPosts)
    .where(
      and(
        eq(stationPosts.tenantId, tx.tenantId),
        eq(stationPosts.stationId, station.id),
        isNull(stationPosts.withdrawnAt),
      ),
    );
  const withdrawn = offered.map((o) => o.postId).filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !offered.some((o) => o.postId === id));
  if (withdrawn.length > 0) {
    const [held] = await tx
      .select({ postName: dutyPosts.name })
      .from(postClaims)
      .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, postClaims.tenantId), eq(dutyPosts.id, postClaims.postId)))
      .where(
        and(
          eq(postClaims.tenantId, tx.tenantId),
          eq(postClaims.stationId, station.id),
          inArray(postClaims.postId, withdrawn),
          inArray(postClaims.status, ["pending", "approved"]),
        ),
      )
      .limit(1);
    if (held) throw new ConflictError("errors.postStillHeld", "postIds", { post: held.postName });
    await tx
      .update(stationPosts)
      .set({ withdrawnAt: now })
      .where(
        and(
          eq(stationPosts.tenantId, tx.tenantId),
          eq(stationPosts.stationId, station.id),
          inArray(stationPosts.postId, withdrawn),
        ),
      );
  }
  if (added.length > 0) {
    // A post offered again takes up its old row, and with it its history.
    await tx
      .insert(stationPosts)
      .values(added.map((postId) => ({ stationId: station.id, postId })))
      .onConflictDoUpdate({
        target: [stationPosts.tenantId, stationPosts.stationId, stationPosts.postId],
        set: { withdrawnAt: null },
      });
  }
  await recordAudit(tx, ctx, {
    action: "station.posts_set",
    objectType: "station",
    objectId: station.id,
    detail: { added: added.length, withdrawn: withdrawn.length },
  });
}
