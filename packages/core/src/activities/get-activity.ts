import { can } from "@rdlink/auth";
import {
  activities,
  activityDeputies,
  deputies,
  dutyPosts,
  stations,
  type TenantTx,
  townships,
  users,
} from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";

/** One ledger entry with its station, deputies present and photos; 404 outside the actor's townships. */
export async function getActivity(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const activity = await findActivity(tx, ctx, idInput);
  const [names] = await tx
    .select({ stationName: stations.name, townshipName: townships.name, recordedByName: users.displayName })
    .from(stations)
    .innerJoin(townships, and(eq(townships.tenantId, stations.tenantId), eq(townships.id, stations.townshipId)))
    .leftJoin(users, eq(users.id, activity.recordedBy ?? "00000000-0000-0000-0000-000000000000"))
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, activity.stationId)));
  const present = await tx
    .select({ id: deputies.id, name: deputies.name, level: deputies.level })
    .from(activityDeputies)
    .innerJoin(
      deputies,
      and(eq(deputies.tenantId, activityDeputies.tenantId), eq(deputies.id, activityDeputies.deputyId)),
    )
    .where(and(eq(activityDeputies.tenantId, tx.tenantId), eq(activityDeputies.activityId, activity.id)))
    .orderBy(asc(naturalOrder(deputies.name)));
  const [post] = activity.postId
    ? await tx
        .select({ name: dutyPosts.name })
        .from(dutyPosts)
        .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, activity.postId)))
    : [];
  return {
    activity,
    stationName: names?.stationName ?? "",
    townshipName: names?.townshipName ?? "",
    recordedByName: names?.recordedByName ?? null,
    postName: post?.name ?? null,
    deputies: present,
    canEdit: can(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId, townshipId: activity.townshipId }),
  };
}

/** The entry by an untrusted id if the actor may see it; another township's or county's is not found. */
export async function findActivity(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const id = ZId.safeParse(idInput);
  if (!id.success) throw new NotFoundError();
  const [activity] = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.tenantId, tx.tenantId), eq(activities.id, id.data)));
  if (
    !activity ||
    !can(ctx.actor, "tenant.activities.read", { tenantId: tx.tenantId, townshipId: activity.townshipId })
  )
    throw new NotFoundError();
  return activity;
}

/** The entry if the actor may also change it (whoever records for its township); else not found. */
export async function findActivityToChange(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  const activity = await findActivity(tx, ctx, idInput);
  if (!can(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId, townshipId: activity.townshipId }))
    throw new NotFoundError();
  return activity;
}
