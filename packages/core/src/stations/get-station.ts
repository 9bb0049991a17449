import { can } from "@rdlink/auth";
import {
  deputies,
  deputyStations,
  dutyPosts,
  postClaims,
  stationLiaisons,
  stations,
  stationTypes,
  type TenantTx,
  townships,
  users,
} from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/**
 * A station page: its type's fields with the values (removed fields read-only), liaison
 * officers, and each offered post with who holds it since when. 404 outside the actor's scope.
 */
export async function getStation(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const parsed = ZId.safeParse(idInput);
  if (!parsed.success) throw new NotFoundError();
  const [row] = await tx
    .select({ station: stations, type: stationTypes, townshipName: townships.name })
    .from(stations)
    .innerJoin(
      stationTypes,
      and(eq(stationTypes.tenantId, stations.tenantId), eq(stationTypes.id, stations.stationTypeId)),
    )
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, parsed.data)));
  if (!row || !can(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId, townshipId: row.station.townshipId })) {
    throw new NotFoundError();
  }
  const { station, type } = row;
  const fields = ZFieldList.parse(type.customFields);
  const liaisons = await tx
    .select({ userId: users.id, displayName: users.displayName })
    .from(stationLiaisons)
    .innerJoin(users, eq(users.id, stationLiaisons.userId))
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.stationId, station.id)));
  const claims = await tx
    .select({
      id: postClaims.id,
      postId: postClaims.postId,
      deputyName: deputies.name,
      statement: postClaims.statement,
      status: postClaims.status,
      since: postClaims.decidedAt,
      createdAt: postClaims.createdAt,
    })
    .from(postClaims)
    .innerJoin(deputies, and(eq(deputies.tenantId, postClaims.tenantId), eq(deputies.id, postClaims.deputyId)))
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.stationId, station.id)))
    .orderBy(asc(postClaims.createdAt));
  const postIds = [...new Set(claims.map((c) => c.postId))];
  const offered = await tx.query.stationPosts.findMany({
    where: (sp, { and: all, eq: is }) => all(is(sp.tenantId, tx.tenantId), is(sp.stationId, station.id)),
  });
  const postRows = await tx
    .select({ id: dutyPosts.id, name: dutyPosts.name, sortOrder: dutyPosts.sortOrder })
    .from(dutyPosts)
    .where(
      and(
        eq(dutyPosts.tenantId, tx.tenantId),
        inArray(dutyPosts.id, [...new Set([...offered.map((o) => o.postId), ...postIds])]),
      ),
    )
    .orderBy(asc(dutyPosts.sortOrder));
  const stationed = await tx
    .select({ id: deputies.id, name: deputies.name, level: deputies.level, userId: deputies.userId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(and(eq(deputyStations.tenantId, tx.tenantId), eq(deputyStations.stationId, station.id)))
    .orderBy(asc(deputies.name));
  const canManage = can(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: station.townshipId });
  // Deputies of the township who are not yet in, for the manager's "进站" picker.
  const assignable = canManage
    ? (
        await tx
          .select({ id: deputies.id, name: deputies.name })
          .from(deputies)
          .where(
            and(
              eq(deputies.tenantId, tx.tenantId),
              eq(deputies.townshipId, station.townshipId),
              isNull(deputies.archivedAt),
            ),
          )
          .orderBy(asc(deputies.name))
          .limit(500)
      ).filter((d) => !stationed.some((s) => s.id === d.id))
    : [];
  return {
    station,
    deputies: stationed.map(({ userId: _user, ...d }) => d),
    assignable,
    canManage,
    canDecide: can(ctx.actor, "tenant.posts.decide", { tenantId: tx.tenantId, townshipId: station.townshipId }),
    /** The actor's own deputy record when they are stationed here: they may claim posts. */
    myDeputyId: stationed.find((d) => d.userId === ctx.actor.userId)?.id ?? null,
    typeName: type.name,
    townshipName: row.townshipName,
    fields: [
      ...fields.map((f) => ({
        key: f.key,
        label: f.label,
        value: station.customValues[f.key] ?? null,
        removed: false,
      })),
      ...Object.keys(station.customValues)
        .filter((key) => !fields.some((f) => f.key === key))
        .map((key) => ({ key, label: { "zh-CN": key }, value: station.customValues[key], removed: true })),
    ],
    liaisons,
    posts: postRows.map((post) => ({
      ...post,
      holders: claims.filter((c) => c.postId === post.id && c.status === "approved"),
      pending: claims.filter((c) => c.postId === post.id && c.status === "pending"),
      history: claims.filter((c) => c.postId === post.id && (c.status === "declined" || c.status === "ended")),
    })),
  };
}
