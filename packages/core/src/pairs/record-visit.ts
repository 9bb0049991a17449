import { assertCan } from "@rdlink/auth";
import { pairVisits, stations, type TenantTx } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { runtimeActor } from "../cases/acting-as";
import { findStationForIntake } from "../cases/intake-station";
import { titleOf } from "../cases/opinion-input";
import { openCase } from "../cases/start-case";
import { newTrackingCode } from "../cases/tracking-code";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import type { StagedFiles } from "../files/staged-files";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { MAX_VISIT_PHOTOS, parseVisit, ZVisitOpinion } from "./pair-input";
import { myDeputy, pairOfDeputy, stationForVisitOpinion } from "./pair-scope";

/**
 * 走访: the deputy records a visit to one of their paired households — its day (not after
 * today), form, what was learned, photos — and, when asked (反映群众意见), registers in the same
 * transaction an opinion of channel `pair` at a station they serve, on the county's workflow
 * of kind "opinion"; the visit keeps the case's id. Any refusal leaves nothing written.
 */
export async function recordVisit(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: Record<string, unknown>,
  photos: Upload[],
  staged: StagedFiles,
) {
  assertCan(ctx.actor, "tenant.pairs.visit", { tenantId: tx.tenantId });
  const now = ctx.clock.now();
  const data = parseVisit(input, localDateOf(now));
  const deputy = await myDeputy(tx, ctx);
  const pair = deputy && (await pairOfDeputy(tx, deputy.id, data.pairId));
  if (!deputy || !pair) throw new NotFoundError();
  const opinion = data.raiseOpinion ? parseInput(ZVisitOpinion, input) : null;

  let caseId: string | null = null;
  const photoIds = await saveUploadedImages(tx, ctx, photos, { staged, maxFiles: MAX_VISIT_PHOTOS });
  if (opinion) {
    const stationId = await stationForVisitOpinion(tx, deputy.id, pair.townshipId);
    const station = stationId && (await findStationForIntake(tx, eq(stations.id, stationId)));
    if (!station) throw new ValidationError({}, "pairs.errors.noStation");
    const started = await openCase(tx, {
      kind: "opinion",
      preferred: station.intakeWorkflowId,
      // The visit's photos go with the case; the household's name stays on the visit.
      data: { content: opinion.opinionContent, category: opinion.category, photos: photoIds },
      intake: {
        townshipId: station.townshipId,
        stationId: station.id,
        trackingCode: newTrackingCode(station.divisionCode),
        channel: "pair",
        category: opinion.category,
        title: titleOf(opinion.opinionContent),
      },
      actor: runtimeActor(ctx.actor),
      now,
    });
    caseId = started.caseId;
  }
  const [visit] = await tx
    .insert(pairVisits)
    .values({
      pairId: pair.id,
      deputyId: deputy.id,
      visitedOn: data.visitedOn,
      form: data.form,
      learned: data.learned,
      photoIds,
      caseId,
      recordedBy: ctx.actor.userId,
    })
    .returning({ id: pairVisits.id });
  await recordAudit(tx, ctx, {
    action: "pair.visit_recorded",
    objectType: "pairVisit",
    objectId: visit!.id,
    detail: { household: pair.householdName, day: data.visitedOn, form: data.form, opinion: caseId !== null },
  });
  return { visitId: visit!.id, caseId };
}
