import { activities, activityDeputies, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { recordAudit } from "../audit/record-audit";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import type { StagedFiles } from "../files/staged-files";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { activityInput, checkActivityReferences, MAX_ACTIVITY_PHOTOS } from "./activity-input";
import { attendanceRows } from "./attendance-rows";

/** Photos attached to a form, and where they wait until the entry is committed (see StagedFiles). */
export type PhotoUploads = { uploads: Upload[]; staged: StagedFiles };

/**
 * One ledger entry (履职台账) of a station in the actor's townships: what happened, on which
 * day, which deputies were there, the figures, and up to six photos. The input is checked
 * before any photo is stored; a photo that is too large or not what its name says refuses
 * the whole entry (413/415).
 */
export async function recordActivity(tx: TenantTx, ctx: UseCaseContext, input: unknown, photos?: PhotoUploads) {
  const data = parseInput(activityInput(localDateOf(ctx.clock.now())), input);
  const { station, deputyIds, columns } = await checkActivityReferences(tx, ctx, data);
  const photoIds = photos
    ? await saveUploadedImages(tx, ctx, photos.uploads, { staged: photos.staged, maxFiles: MAX_ACTIVITY_PHOTOS })
    : [];
  const [activity] = await tx
    .insert(activities)
    .values({
      ...columns,
      photoIds,
      recordedBy: ctx.actor.userId,
    })
    .returning({
      id: activities.id,
      day: activities.day,
      kind: activities.kind,
      peopleReceived: activities.peopleReceived,
    });
  if (deputyIds.length > 0) await tx.insert(activityDeputies).values(attendanceRows(activity!, deputyIds));
  await recordAudit(tx, ctx, {
    action: "activity.recorded",
    objectType: "activity",
    objectId: activity!.id,
    detail: { station: station.name, kind: data.kind, day: data.day },
  });
  return activity!;
}
