import { createHash } from "node:crypto";
import { rateLimits, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { intakeFingerprint, replayIntake } from "../cases/intake-key";
import { MAX_OPINION_PHOTOS, opinionData, parseOpinion, titleOf } from "../cases/opinion-input";
import { openCase } from "../cases/start-case";
import { newTrackingCode } from "../cases/tracking-code";
import { saveUploadedImages, type Upload } from "../files/save-uploaded-images";
import type { StagedFiles } from "../files/staged-files";
import { consentOf } from "../privacy/consent";
import { ValidationError } from "../shared/errors";
import type { IntakeStation } from "./find-intake-station";
import { checkSolution, powRefusal } from "./proof-of-work";

/** What the browser generates once per form: a double tap sends it twice, and makes one case. */
const ZIntakeKey = z.string().regex(/^[A-Za-z0-9-]{16,64}$/);

export type PublicSubmission = {
  form: Record<string, unknown>;
  photos: Upload[];
  /** From the `Idempotency-Key` header, or the form's hidden field. */
  intakeKey: unknown;
  secret: string;
  /** Where its photos wait until the case is committed (see StagedFiles). */
  staged: StagedFiles;
  now: Date;
};

/** What the form sends besides what the citizen wrote: not part of what a key is compared on. */
const NOT_CONTENT = new Set(["altcha", "website", "intakeKey"]);

/**
 * A citizen's opinion from a station's public page (the QR code): checked against the
 * honeypot, the proof of work and the form, then opened as a case on the opinion workflow
 * its station type names (else the county's first) with its photos, in this one transaction. Answers the tracking code;
 * the same idempotency key with the same text and photos answers the same code again and writes nothing, with
 * anything else is refused (422, see intake-key.ts). Run it through submitPublicOpinion.
 */
export async function submitOpinion(tx: TenantTx, station: IntakeStation, submission: PublicSubmission) {
  const { now } = submission;
  const intakeKey = ZIntakeKey.safeParse(submission.intakeKey);
  if (!intakeKey.success) throw new ValidationError({}, "intake.errors.reload");
  const fingerprint = fingerprintOf(submission);
  const earlier = await replayIntake(tx, intakeKey.data, fingerprint);
  if (earlier) return { trackingCode: earlier.trackingCode, repeated: true };

  // A field people never see: only a form-filling robot puts anything in it.
  if (String(submission.form.website ?? "") !== "") throw new ValidationError({}, "intake.errors.refused");
  const pow = await checkSolution(submission.secret, submission.form.altcha, now);
  if (!pow.ok) throw powRefusal(pow);
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
    const repeated = await replayIntake(tx, intakeKey.data, fingerprint);
    if (repeated) return { trackingCode: repeated.trackingCode, repeated: true };
    throw new ValidationError({}, "intake.errors.reload");
  }

  const photoIds = await saveUploadedImages(tx, null, submission.photos, {
    staged: submission.staged,
    maxFiles: MAX_OPINION_PHOTOS,
  });
  const trackingCode = newTrackingCode(station.divisionCode);
  // A concurrent submission with this key fails here on the unique key; withIntakeKeyRetry tries it again.
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
      ...consentOf(opinion.submitterPhone),
      intakeKey: intakeKey.data,
      intakeFingerprint: fingerprint,
    },
    actor: { userId: null, roles: ["citizen"] },
    now,
  });
  return { trackingCode, repeated: false };
}

/** The form's fields and its photos' bytes, in order: what a double tap sends twice. */
function fingerprintOf(submission: PublicSubmission): string {
  const form = Object.fromEntries(Object.entries(submission.form).filter(([key]) => !NOT_CONTENT.has(key)));
  const photos = submission.photos.map((photo) => createHash("sha256").update(photo.bytes).digest("hex"));
  return intakeFingerprint({ form, photos });
}
