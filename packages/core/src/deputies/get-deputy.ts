import { can } from "@rdlink/auth";
import { deputies, deputyStations, dutyPosts, postClaims, stations, type TenantTx, townships, users } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";
import { maskPhone } from "./sheet";

/** A deputy's page: the record (phone masked), the stations they are in and the posts they hold. */
export async function getDeputy(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const id = ZId.safeParse(idInput);
  if (!id.success) throw new NotFoundError();
  const [row] = await tx
    .select({ deputy: deputies, townshipName: townships.name, username: users.username })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .leftJoin(users, eq(users.id, deputies.userId))
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, id.data)));
  const target = { tenantId: tx.tenantId, townshipId: row?.deputy.townshipId };
  if (!row || !can(ctx.actor, "tenant.stations.read", target)) throw new NotFoundError();
  const { phone, ...deputy } = row.deputy;
  const inStations = await tx
    .select({ id: stations.id, name: stations.name, headDeputyId: stations.headDeputyId })
    .from(deputyStations)
    .innerJoin(stations, and(eq(stations.tenantId, deputyStations.tenantId), eq(stations.id, deputyStations.stationId)))
    .where(and(eq(deputyStations.tenantId, tx.tenantId), eq(deputyStations.deputyId, deputy.id)))
    .orderBy(asc(naturalOrder(stations.name)));
  const posts = await tx
    .select({
      id: postClaims.id,
      stationId: postClaims.stationId,
      stationName: stations.name,
      postId: dutyPosts.id,
      postName: dutyPosts.name,
      since: postClaims.decidedAt,
      statement: postClaims.statement,
    })
    .from(postClaims)
    .innerJoin(stations, and(eq(stations.tenantId, postClaims.tenantId), eq(stations.id, postClaims.stationId)))
    .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, postClaims.tenantId), eq(dutyPosts.id, postClaims.postId)))
    .where(
      and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.deputyId, deputy.id), eq(postClaims.status, "approved")),
    )
    .orderBy(asc(dutyPosts.sortOrder));
  return {
    deputy: { ...deputy, phone: phone ? maskPhone(phone) : null },
    townshipName: row.townshipName,
    username: row.username,
    stations: inStations.map((s) => ({ id: s.id, name: s.name, isHead: s.headDeputyId === deputy.id })),
    posts,
    canManage: can(ctx.actor, "tenant.deputies.manage", target),
    canReveal: phone !== null && can(ctx.actor, "tenant.deputies.revealPhone", target),
  };
}
