import { randomBytes } from "node:crypto";
import { MAX_OPINION_PHOTOS } from "@rdlink/core/cases/opinion-input";
import { MAX_UPLOAD_BYTES } from "@rdlink/core/files/upload-policy";
import { checkSolution, powRefusal } from "@rdlink/core/intake/proof-of-work";
import { submitPublicOpinion } from "@rdlink/core/intake/submit-public-opinion";
import { ValidationError } from "@rdlink/core/shared/errors";
import { type AppTx, getDatabase } from "@rdlink/db";
import { env } from "@rdlink/env";
import { FormLimitError, type MultipartLimits, readMultipartForm } from "./multipart.server";

let drawnAtBoot: string | undefined;

/** The secret of the public intake (proof of work, rate-limit keys): INTAKE_SECRET, else one per process. */
export function intakeSecret(): string {
  drawnAtBoot ??= randomBytes(32).toString("hex");
  return env().INTAKE_SECRET ?? drawnAtBoot;
}

/**
 * A transaction of the public pages (the station's form, case tracking): no county is known until
 * the station or tracking code in the address names it, so the use case starts outside any.
 */
export function publicTransaction<T>(work: (tx: AppTx) => Promise<T>): Promise<T> {
  return getDatabase().withoutTenant(work);
}

/** The citizen's opinion, through submitPublicOpinion (which opens its own transaction and keeps its photos). */
export function submitToStation(code: string, input: Parameters<typeof submitPublicOpinion>[2]) {
  return submitPublicOpinion(getDatabase(), code, input);
}

/**
 * What the public form may send: its text fields (the opinion is at most 2,000 characters,
 * a station type's own fields are short) and up to MAX_OPINION_PHOTOS photos of 10 MB.
 */
export const INTAKE_FORM_LIMITS: MultipartLimits = {
  fieldBytes: 64 * 1024,
  textBytes: 256 * 1024,
  fields: 200,
  fileBytes: MAX_UPLOAD_BYTES,
  files: MAX_OPINION_PHOTOS,
};

/**
 * The public form, read as it streams in (call it once the station and the rate limits have
 * passed): its proof of work is checked the moment its field arrives, and a photo that comes
 * before it is refused at its first byte (the page sends its text fields first), so nobody
 * gets to upload anything without having solved the page's puzzle. Every part is held to
 * INTAKE_FORM_LIMITS as it arrives. The first check that fails stops the reading.
 *
 * The full check — the puzzle used once, the honeypot, the fields — stays in submitOpinion.
 */
export async function readIntakeForm(request: Request, proof: { secret: string; now: Date }) {
  let proven = false;
  try {
    return await readMultipartForm(request, INTAKE_FORM_LIMITS, {
      async onField(name, value) {
        if (name !== "altcha") return;
        const outcome = await checkSolution(proof.secret, value, proof.now);
        if (!outcome.ok) throw powRefusal(outcome);
        proven = true;
      },
      onFileStart() {
        if (!proven) throw new ValidationError({}, "intake.errors.notReady");
      },
    });
  } catch (error) {
    // As submitOpinion words it, on the photos field.
    if (error instanceof FormLimitError && error.limit === "files") {
      throw new ValidationError({ photos: "validation.tooManyPhotos" });
    }
    throw error;
  }
}
