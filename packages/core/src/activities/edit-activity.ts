import { activities, activityDeputies, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { saveUploadedImages } from "../files/save-uploaded-images";
import { UploadError } from "../files/store-image";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { activityInput, checkActivityReferences, MAX_ACTIVITY_PHOTOS } from "./activity-input";
import { attendanceRows } from "./attendance-rows";
import { findActivityToChange } from "./get-activity";
import type { PhotoUploads } from "./record-activity";

const editInput = (today: string) =>
  activityInput(today).extend({
    /** The entry's photos to keep; any other of its photos is dropped from it. */
    keepPhotoIds: z.array(ZId).max(MAX_ACTIVITY_PHOTOS).default([]),
  });

/** Changes an entry (also its station, within the actor's townships), its deputies and photos; audited. */
export async function editActivity(
  tx: TenantTx,
  ctx: UseCaseContext,
  activityId: unknown,
  input: unknown,
  photos?: PhotoUploads,
) {
  const before = await findActivityToChange(tx, ctx, activityId);
  const data = parseInput(editInput(localDateOf(ctx.clock.now())), input);
  const { station, deputyIds, columns } = await checkActivityReferences(tx, ctx, data);
  const kept = before.photoIds.filter((id) => data.keepPhotoIds.includes(id));
  const room = MAX_ACTIVITY_PHOTOS - kept.length;
  if (photos && photos.uploads.length > room) throw new UploadError(400, "errors.tooManyFiles");
  const added = photos
    ? await saveUploadedImages(tx, ctx, photos.uploads, { staged: photos.staged, maxFiles: room })
    : [];
  // The attendances go first: they copy the entry's day, kind and 接待人次, and their foreign key
  // refuses an edit of those under them (decision 0031).
  await tx
    .delete(activityDeputies)
    .where(and(eq(activityDeputies.tenantId, tx.tenantId), eq(activityDeputies.activityId, before.id)));
  const [after] = await tx
    .update(activities)
    .set({
      ...columns,
      photoIds: [...kept, ...added],
    })
    .where(and(eq(activities.tenantId, tx.tenantId), eq(activities.id, before.id)))
    .returning({
      id: activities.id,
      day: activities.day,
      kind: activities.kind,
      peopleReceived: activities.peopleReceived,
    });
  if (deputyIds.length > 0) await tx.insert(activityDeputies).values(attendanceRows(after!, deputyIds));
  await recordAudit(tx, ctx, {
    action: "activity.edited",
    objectType: "activity",
    objectId: before.id,
    detail: {
      station: station.name,
      kind: data.kind,
      day: data.day,
      ...(before.day === data.day ? {} : { previousDay: before.day }),
      photos: { kept: kept.length, added: added.length, dropped: before.photoIds.length - kept.length },
    },
  });
}
