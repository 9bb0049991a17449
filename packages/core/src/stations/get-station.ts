import { can } from "@rdlink/auth";
import {
  checklists,
  communities,
  deputies,
  deputyStations,
  dutyPosts,
  files,
  postClaims,
  stationChecklistItems,
  stationLiaisons,
  stationPosts,
  stations,
  stationTypes,
  type TenantTx,
  townships,
  users,
} from "@rdlink/db";
import { type TFieldDefinition, ZFieldList } from "@rdlink/forms";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";

/**
 * A station page: its type's fields with the values (removed fields read-only), liaison
 * officers, deputies in station, each offered post with who holds it since when, and how
 * it meets its standard. 404 outside the actor's scope.
 */
export async function getStation(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const parsed = ZId.safeParse(idInput);
  if (!parsed.success) throw new NotFoundError();
  const [row] = await tx
    .select({
      station: stations,
      type: stationTypes,
      townshipName: townships.name,
      communityName: communities.name,
      standard: { name: checklists.name, items: checklists.items },
    })
    .from(stations)
    .innerJoin(
      stationTypes,
      and(eq(stationTypes.tenantId, stations.tenantId), eq(stationTypes.id, stations.stationTypeId)),
    )
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .leftJoin(communities, and(eq(communities.tenantId, stations.tenantId), eq(communities.id, stations.communityId)))
    .leftJoin(
      checklists,
      and(eq(checklists.tenantId, stationTypes.tenantId), eq(checklists.id, stationTypes.checklistId)),
    )
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, parsed.data)));
  const target = { tenantId: tx.tenantId, townshipId: row?.station.townshipId };
  if (!row || !can(ctx.actor, "tenant.stations.read", target)) throw new NotFoundError();
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
      deputyId: postClaims.deputyId,
      deputyName: deputies.name,
      deputyUserId: deputies.userId,
      statement: postClaims.statement,
      status: postClaims.status,
      since: postClaims.decidedAt,
      endedAt: postClaims.endedAt,
      createdAt: postClaims.createdAt,
    })
    .from(postClaims)
    .innerJoin(deputies, and(eq(deputies.tenantId, postClaims.tenantId), eq(deputies.id, postClaims.deputyId)))
    .where(and(eq(postClaims.tenantId, tx.tenantId), eq(postClaims.stationId, station.id)))
    .orderBy(asc(postClaims.createdAt));
  const postRows = await tx
    .select({
      id: dutyPosts.id,
      name: dutyPosts.name,
      description: dutyPosts.description,
      archivedAt: dutyPosts.archivedAt,
    })
    .from(stationPosts)
    .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, stationPosts.tenantId), eq(dutyPosts.id, stationPosts.postId)))
    .where(
      and(
        eq(stationPosts.tenantId, tx.tenantId),
        eq(stationPosts.stationId, station.id),
        isNull(stationPosts.withdrawnAt),
      ),
    )
    .orderBy(asc(dutyPosts.sortOrder));
  const stationed = await tx
    .select({ id: deputies.id, name: deputies.name, level: deputies.level, userId: deputies.userId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(and(eq(deputyStations.tenantId, tx.tenantId), eq(deputyStations.stationId, station.id)))
    .orderBy(asc(naturalOrder(deputies.name)));
  const canManage = can(ctx.actor, "tenant.stations.manage", target);
  const catalog = canManage
    ? await tx
        .select({ id: dutyPosts.id, name: dutyPosts.name })
        .from(dutyPosts)
        .where(and(eq(dutyPosts.tenantId, tx.tenantId), isNull(dutyPosts.archivedAt)))
        .orderBy(asc(dutyPosts.sortOrder))
    : [];
  const myDeputyId = stationed.find((d) => d.userId === ctx.actor.userId)?.id ?? null;

  return {
    station,
    publicCode: station.code,
    typeName: type.name,
    townshipName: row.townshipName,
    communityName: row.communityName,
    headDeputyName: stationed.find((d) => d.id === station.headDeputyId)?.name ?? null,
    deputies: stationed.map(({ userId: _user, ...d }) => d),
    catalog,
    canManage,
    canDecide: can(ctx.actor, "tenant.posts.decide", target),
    /** The actor's own deputy record when they are stationed here: they may claim posts. */
    myDeputyId,
    fields: [
      ...fields.map((definition) => ({
        definition,
        value: station.customValues[definition.key] ?? null,
        removed: false,
      })),
      // Values of fields the type no longer has: shown read-only under their key.
      ...Object.keys(station.customValues)
        .filter((key) => !fields.some((f) => f.key === key))
        .map((key) => ({
          definition: { key, type: "text", label: { "zh-CN": key }, required: false } as TFieldDefinition,
          value: station.customValues[key],
          removed: true,
        })),
    ],
    liaisons,
    posts: postRows.map((post) => {
      const ofPost = claims
        .filter((c) => c.postId === post.id)
        .map(({ deputyUserId, ...claim }) => ({ ...claim, mine: deputyUserId === ctx.actor.userId }));
      return {
        ...post,
        holders: ofPost.filter((c) => c.status === "approved"),
        pending: ofPost.filter((c) => c.status === "pending"),
        pastCount: ofPost.filter((c) => c.status === "declined" || c.status === "ended").length,
        iMayClaim:
          myDeputyId !== null &&
          !post.archivedAt &&
          !ofPost.some((c) => c.mine && (c.status === "pending" || c.status === "approved")),
      };
    }),
    checklist: await checklistOf(tx, station.id, row.standard),
  };
}

/** The station's standard item by item, with what was recorded and its photos; records of removed items apart. */
async function checklistOf(tx: TenantTx, stationId: string, standard: { name: string; items: string[] } | null) {
  const recorded = await tx
    .select()
    .from(stationChecklistItems)
    .where(and(eq(stationChecklistItems.tenantId, tx.tenantId), eq(stationChecklistItems.stationId, stationId)));
  const photoIds = recorded.flatMap((r) => r.photoIds);
  const existing = photoIds.length
    ? new Set(
        (
          await tx
            .select({ id: files.id })
            .from(files)
            .where(and(eq(files.tenantId, tx.tenantId), inArray(files.id, photoIds)))
        ).map((f) => f.id),
      )
    : new Set<string>();
  const entry = (item: string) => {
    const record = recorded.find((r) => r.item === item);
    return {
      item,
      met: record?.met ?? null,
      note: record?.note ?? null,
      photoIds: record?.photoIds.filter((id) => existing.has(id)) ?? [],
      updatedAt: record?.updatedAt ?? null,
    };
  };
  const items = standard?.items ?? [];
  return {
    name: standard?.name ?? null,
    items: items.map(entry),
    retired: recorded.filter((r) => !items.includes(r.item)).map((r) => entry(r.item)),
    metCount: items.filter((item) => recorded.some((r) => r.item === item && r.met === "yes")).length,
  };
}
