import { saveUploadedImages, type Upload } from "@rdlink/core/files/save-uploaded-images";
import type { StagedFiles } from "@rdlink/core/files/staged-files";
import { claimPost } from "@rdlink/core/posts/claim-post";
import { decideClaim } from "@rdlink/core/posts/decide-claim";
import { endClaim } from "@rdlink/core/posts/end-claim";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import { ValidationError } from "@rdlink/core/shared/errors";
import { assignDeputy } from "@rdlink/core/stations/assign-deputy";
import { getStation } from "@rdlink/core/stations/get-station";
import { MAX_EVIDENCE_PHOTOS, recordChecklistItem } from "@rdlink/core/stations/record-checklist-item";
import { removeDeputy } from "@rdlink/core/stations/remove-deputy";
import { setStationPosts } from "@rdlink/core/stations/set-station-posts";
import type { TenantTx } from "@rdlink/db";
import { readFormWithFiles } from "./actions.server";
import { countyAction } from "./county-route.server";

/** The station a form was posted on, and the photos it carries (kept only if the transaction commits). */
type StationPost = { stationId: string; uploads: (name: string) => Promise<Upload[]>; staged: StagedFiles };

/** What one of the station page's forms does with the rest of its form, in the page's transaction. */
type StationIntent = (
  tx: TenantTx,
  ctx: UseCaseContext,
  form: Record<string, unknown>,
  post: StationPost,
) => Promise<unknown>;

/** Deputies in station. */
const deputyIntents: Record<string, StationIntent> = {
  assign: (tx, ctx, form, { stationId }) => assignDeputy(tx, ctx, { stationId, deputyId: form.deputyId }),
  remove: (tx, ctx, form, { stationId }) => removeDeputy(tx, ctx, { stationId, deputyId: form.deputyId }),
};

/** The duty posts the station offers, and the deputies' claims on them. */
const claimIntents: Record<string, StationIntent> = {
  posts: (tx, ctx, form, { stationId }) => setStationPosts(tx, ctx, { stationId, postIds: form.postIds ?? [] }),
  claim: (tx, ctx, form, { stationId }) =>
    claimPost(tx, ctx, { stationId, postId: form.postId, statement: form.statement }),
  approve: (tx, ctx, form) => decideClaim(tx, ctx, { claimId: form.claimId, decision: "approve", note: form.note }),
  decline: (tx, ctx, form) => decideClaim(tx, ctx, { claimId: form.claimId, decision: "decline", note: form.note }),
  end: (tx, ctx, form) => endClaim(tx, ctx, { claimId: form.claimId }),
};

/** Evidence for the station's standard: one item's note, the photos kept and the new ones. */
const evidenceIntents: Record<string, StationIntent> = {
  checklist: async (tx, ctx, form, { stationId, uploads, staged }) => {
    const added = await saveUploadedImages(tx, ctx, await uploads("photos"), {
      staged,
      maxFiles: MAX_EVIDENCE_PHOTOS,
    });
    const kept = (form.keepPhotoIds as string[] | undefined) ?? [];
    return recordChecklistItem(tx, ctx, { ...form, stationId, photoIds: [...kept, ...added] });
  },
};

const stationIntents: Record<string, StationIntent> = { ...deputyIntents, ...claimIntents, ...evidenceIntents };

/**
 * The station page's forms, each naming its intent (the evidence form carries photos, so the
 * page reads multipart forms). The page gets `{ ok: true, intent }`; an intent it does not have is
 * a 400 and writes nothing, as does a station the user may not see (404).
 */
export function stationAction(args: Parameters<typeof countyAction>[0], stationId: string) {
  return countyAction(args, async (county) => {
    const { values, uploads } = await readFormWithFiles(county.request);
    const { intent, ...form } = values;
    const handle =
      typeof intent === "string" && Object.hasOwn(stationIntents, intent) ? stationIntents[intent] : undefined;
    if (!handle) throw new ValidationError({}, "errors.unknownIntent");
    await county.inTenantStoringFiles(async (tx, ctx, staged) => {
      await getStation(tx, ctx, stationId); // 404 unless the actor may see this station
      await handle(tx, ctx, form, { stationId, uploads, staged });
    });
    return { ok: true as const, intent };
  });
}
