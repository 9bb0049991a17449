import { deputies, dutyPosts, postClaims, stationPosts, type TenantTx, users } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { stationInScope } from "../stations/station-in-scope";

/** A post at a station: who holds it since when, and every claim ever made for it (认领 history). */
export async function getStationPost(tx: TenantTx, ctx: UseCaseContext, stationIdInput: unknown, postIdInput: unknown) {
  const station = await stationInScope(tx, ctx, stationIdInput, "tenant.stations.read");
  const postId = ZId.safeParse(postIdInput);
  if (!postId.success) throw new NotFoundError();
  const [post] = await tx
    .select({ id: dutyPosts.id, name: dutyPosts.name, description: dutyPosts.description })
    .from(stationPosts)
    .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, stationPosts.tenantId), eq(dutyPosts.id, stationPosts.postId)))
    .where(
      and(
        eq(stationPosts.tenantId, tx.tenantId),
        eq(stationPosts.stationId, station.id),
        eq(stationPosts.postId, postId.data),
      ),
    );
  if (!post) throw new NotFoundError();
  const claims = await tx
    .select({
      id: postClaims.id,
      deputyId: postClaims.deputyId,
      deputyName: deputies.name,
      statement: postClaims.statement,
      status: postClaims.status,
      claimedAt: postClaims.createdAt,
      decidedAt: postClaims.decidedAt,
      decidedBy: users.displayName,
      decisionNote: postClaims.decisionNote,
      endedAt: postClaims.endedAt,
    })
    .from(postClaims)
    .innerJoin(deputies, and(eq(deputies.tenantId, postClaims.tenantId), eq(deputies.id, postClaims.deputyId)))
    .leftJoin(users, eq(users.id, postClaims.decidedBy))
    .where(
      and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.stationId, station.id), eq(postClaims.postId, post.id)),
    )
    .orderBy(desc(postClaims.createdAt));
  return {
    station: { id: station.id, name: station.name },
    post,
    holders: claims.filter((c) => c.status === "approved"),
    history: claims,
  };
}
