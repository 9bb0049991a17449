import { handlingUnits, type TenantTx, votingCandidates, votingProgressReports } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import type { StagedFiles } from "../files/staged-files";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { streetOf } from "./street-of";
import { ZProgressInput } from "./voting-input";

/** At most this many photos on one progress report. */
export const MAX_PROGRESS_PHOTOS = 6;

/** A candidate project of a street the actor runs, locked for the use case; `chosen` ones only unless told. */
export async function chosenProject(tx: TenantTx, ctx: UseCaseContext, candidateId: string, anyStatus = false) {
  const [project] = ZId.safeParse(candidateId).success
    ? await tx
        .select()
        .from(votingCandidates)
        .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, candidateId)))
        .for("update")
    : [];
  if (!project) throw new NotFoundError();
  const street = await streetOf(tx, ctx, project.townshipId);
  // Supervision is of chosen projects; any other candidate's page only shows what it is.
  if (!anyStatus && project.status !== "chosen") throw new ConflictError("voting.errors.notChosen");
  return { project, street };
}

/** 责任单位: the handling unit that carries the project out (one of the county's units in use). */
export async function setProjectUnit(tx: TenantTx, ctx: UseCaseContext, candidateId: string, input: unknown) {
  const { project } = await chosenProject(tx, ctx, candidateId);
  const { handlingUnitId } = parseInput(z.object({ handlingUnitId: ZId }), input);
  const [unit] = await tx
    .select({ id: handlingUnits.id, name: handlingUnits.name })
    .from(handlingUnits)
    .where(
      and(
        eq(handlingUnits.tenantId, tx.tenantId),
        eq(handlingUnits.id, handlingUnitId),
        isNull(handlingUnits.archivedAt),
      ),
    );
  if (!unit) throw new ValidationError({ handlingUnitId: "validation.unknownHandlingUnit" });
  await tx
    .update(votingCandidates)
    .set({ handlingUnitId: unit.id })
    .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, project.id)));
  await recordAudit(tx, ctx, {
    action: "voting.project_unit_set",
    objectType: "votingCandidate",
    objectId: project.id,
    detail: { unit: unit.name },
  });
}

/**
 * 进度报告: a milestone reached, how far along, with photos (the files area, as the ledger's).
 * 100% completes the project; its 验单 follows.
 */
export async function reportProgress(
  tx: TenantTx,
  ctx: UseCaseContext,
  candidateId: string,
  input: unknown,
  photos: { uploads: Upload[]; staged: StagedFiles },
) {
  const { project } = await chosenProject(tx, ctx, candidateId);
  const fields = parseInput(ZProgressInput.omit({ candidateId: true }), input);
  if (project.completedAt) throw new ConflictError("voting.errors.projectCompleted");
  const photoFileIds = await saveUploadedImages(tx, ctx, photos.uploads, {
    staged: photos.staged,
    maxFiles: MAX_PROGRESS_PHOTOS,
  });
  await tx.insert(votingProgressReports).values({
    candidateId: project.id,
    ...fields,
    photoFileIds,
    reportedBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  if (fields.percent === 100) {
    await tx
      .update(votingCandidates)
      .set({ completedAt: ctx.clock.now() })
      .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, project.id)));
  }
  await recordAudit(tx, ctx, {
    action: "voting.progress_reported",
    objectType: "votingCandidate",
    objectId: project.id,
    detail: { milestone: fields.milestone, percent: fields.percent, photos: photoFileIds.length },
  });
}

const count = z.coerce
  .number({ error: "validation.invalid" })
  .int("validation.invalid")
  .min(0, "validation.invalid")
  .max(10_000, "validation.invalid");

/** 验单: the representatives' verdict on a completed project — satisfied, basically, not — as counted. */
export async function recordAcceptance(tx: TenantTx, ctx: UseCaseContext, candidateId: string, input: unknown) {
  const { project } = await chosenProject(tx, ctx, candidateId);
  const verdict = parseInput(
    z.object({
      acceptedOn: z.iso.date({ error: "validation.invalidDate" }),
      satisfied: count,
      basic: count,
      unsatisfied: count,
    }),
    input,
  );
  if (!project.completedAt) throw new ConflictError("voting.errors.projectNotCompleted");
  if (verdict.satisfied + verdict.basic + verdict.unsatisfied === 0) {
    throw new ValidationError({ satisfied: "voting.errors.noVerdict" });
  }
  await tx
    .update(votingCandidates)
    .set({
      acceptedOn: verdict.acceptedOn,
      acceptanceSatisfied: verdict.satisfied,
      acceptanceBasic: verdict.basic,
      acceptanceUnsatisfied: verdict.unsatisfied,
    })
    .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, project.id)));
  await recordAudit(tx, ctx, {
    action: "voting.acceptance_recorded",
    objectType: "votingCandidate",
    objectId: project.id,
    detail: { acceptance: verdict },
  });
}
