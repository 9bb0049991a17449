import { cases, rateLimits, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { MAX_OPINION_PHOTOS, opinionData, parseOpinion, titleOf } from "../cases/opinion-input";
import { openCase } from "../cases/start-case";
import { newTrackingCode } from "../cases/tracking-code";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import { isUniqueViolation, ValidationError } from "../shared/errors";
import type { IntakeStation } from "./find-intake-station";
import { checkSolution } from "./proof-of-work";

/** What the browser generates once per form: a double tap sends it twice, and makes one case. */
const ZIntakeKey = z.string().regex(/^[A-Za-z0-9-]{16,64}$/);

export type PublicSubmission = {
  form: Record<string, unknown>;
  photos: Upload[];
  /** From the `Idempotency-Key` header, or the form's hidden field. */
  intakeKey: unknown;
  secret: string;
  filesDirectory: string;
  now: Date;
};

/**
 * A citizen's opinion from a station's public page (the QR code): checked against the
 * honeypot, the proof of work and the form, then opened as a case on the opinion workflow
 * its station type names (else the county's first) with its photos, in this one transaction. Answers the tracking code;
 * the same idempotency key answers the same code again and writes nothing.
 */
export async function submitOpinion(tx: TenantTx, station: IntakeStation, submission: PublicSubmission) {
  const { now } = submission;
  const intakeKey = ZIntakeKey.safeParse(submission.intakeKey);
  if (!intakeKey.success) throw new ValidationError({}, "intake.errors.reload");
  const earlier = await findByIntakeKey(tx, intakeKey.data);
  if (earlier) return { trackingCode: earlier, repeated: true };

  // A field people never see: only a form-filling robot puts anything in it.
  if (String(submission.form.website ?? "") !== "") throw new ValidationError({}, "intake.errors.refused");
  const pow = await checkSolution(submission.secret, submission.form.altcha, now);
  if (!pow.ok) {
    throw new ValidationError({}, pow.reason === "tooFast" ? "intake.errors.tooFast" : "intake.errors.reload");
  }
  const opinion = await parseOpinion(tx, submission.form, station.intakeFields);
  if (submission.photos.length > MAX_OPINION_PHOTOS) {
    throw new ValidationError({ photos: "validation.tooManyPhotos" });
  }
  // A solved puzzle counts once. Concurrent double taps wait here for each other.
  const fresh = await tx
    .insert(rateLimits)
    .values({ key: `pow:${pow.signature}`, windowStart: now, count: 1 })
    .onConflictDoNothing()
    .returning({ key: rateLimits.key });
  if (fresh.length === 0) {
    const repeated = await findByIntakeKey(tx, intakeKey.data);
    if (repeated) return { trackingCode: repeated, repeated: true };
    throw new ValidationError({}, "intake.errors.reload");
  }

  const photoIds = await saveUploadedImages(tx, null, submission.photos, {
    directory: submission.filesDirectory,
    maxFiles: MAX_OPINION_PHOTOS,
  });
  const trackingCode = newTrackingCode(station.divisionCode);
  try {
    await openCase(tx, {
      kind: "opinion",
      preferred: station.intakeWorkflowId,
      data: opinionData(opinion, photoIds),
      intake: {
        townshipId: station.townshipId,
        stationId: station.stationId,
        trackingCode,
        channel: "qr",
        category: opinion.category,
        title: titleOf(opinion.content),
        submitterName: opinion.submitterName,
        submitterPhone: opinion.submitterPhone,
        intakeKey: intakeKey.data,
      },
      actor: { userId: null, roles: ["citizen"] },
      now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({}, "intake.errors.reload");
    throw error;
  }
  return { trackingCode, repeated: false };
}

async function findByIntakeKey(tx: TenantTx, intakeKey: string): Promise<string | null> {
  const [row] = await tx
    .select({ trackingCode: cases.trackingCode })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.intakeKey, intakeKey)));
  return row?.trackingCode ?? null;
}
