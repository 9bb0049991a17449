import { assertCan, townshipsInScope } from "@rdlink/auth";
import { caseChannels, deputies, deputyStations, stations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import type { StagedFiles } from "../files/staged-files";
import { consentOf } from "../privacy/consent";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { runtimeActor } from "./acting-as";
import { findStationForIntake } from "./intake-station";
import { channelsFor, MAX_OPINION_PHOTOS, opinionData, parseOpinion, titleOf } from "./opinion-input";
import { openCase } from "./start-case";
import { newTrackingCode } from "./tracking-code";

const ZRegistration = z.object({
  stationId: ZId,
  /** How it came in; which of them this actor may choose is channelsFor's to say. */
  channel: z.enum(caseChannels, { error: "validation.required" }),
});

/**
 * An opinion registered at a station by its liaison officer or township on a citizen's
 * behalf, or a deputy's own submission at a station they serve; with the channel
 * recorded and a tracking code the citizen can be given.
 */
export async function registerOpinion(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: Record<string, unknown>,
  photos: Upload[],
  staged: StagedFiles,
  now = ctx.clock.now(),
) {
  assertCan(ctx.actor, "tenant.cases.start", { tenantId: tx.tenantId });
  const { stationId, channel } = parseInput(ZRegistration, input);
  const station = await findStationForIntake(tx, eq(stations.id, stationId));
  if (!station || !(await reaches(tx, ctx, stationId, station.townshipId))) throw new NotFoundError();
  if (!(channelsFor(ctx.actor) as string[]).includes(channel))
    throw new ValidationError({ channel: "validation.invalid" });

  const opinion = await parseOpinion(tx, input, station.intakeFields);
  const photoIds = await saveUploadedImages(tx, ctx, photos, { staged, maxFiles: MAX_OPINION_PHOTOS });
  const trackingCode = newTrackingCode(station.divisionCode);
  const result = await openCase(tx, {
    kind: "opinion",
    preferred: station.intakeWorkflowId,
    data: opinionData(opinion, photoIds),
    intake: {
      townshipId: station.townshipId,
      stationId,
      trackingCode,
      channel,
      category: opinion.category,
      title: titleOf(opinion.content),
      submitterName: opinion.submitterName,
      submitterPhone: opinion.submitterPhone,
      ...consentOf(opinion.submitterPhone),
    },
    actor: runtimeActor(ctx.actor),
    now,
  });
  return { caseId: result.caseId, trackingCode };
}

/** Township roles register for their townships' stations; deputies at the stations they serve. */
async function reaches(tx: TenantTx, ctx: UseCaseContext, stationId: string, townshipId: string) {
  const scope = townshipsInScope(ctx.actor);
  if (scope === "all" || scope.includes(townshipId)) return true;
  const [stationed] = await tx
    .select({ stationId: deputyStations.stationId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(
      and(
        eq(deputyStations.tenantId, tx.tenantId),
        eq(deputyStations.stationId, stationId),
        eq(deputies.userId, ctx.actor.userId),
      ),
    );
  return stationed !== undefined;
}
