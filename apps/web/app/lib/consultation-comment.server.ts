import { findPublicConsultation } from "@rdlink/core/consultations/find-public-consultation";
import { assertWithinCommentLimits, submitPublicComment } from "@rdlink/core/consultations/submit-comment";
import { getDatabase } from "@rdlink/db";
import { loadOr404, readForm } from "./actions.server";
import { appClock } from "./clock.server";
import { intakeSecret, publicTransaction } from "./intake.server";

/**
 * A comment from a consultation's public page: the consultation first (from the address), then
 * the rate limits (the client's address), then the comment with its proof of work, in its own
 * transaction. Answers the tracking code; refusals are thrown for failureResponse.
 */
export async function receiveComment(request: Request, code: string, clientIp: string | null) {
  const { consultation } = await loadOr404(() => publicTransaction((tx) => findPublicConsultation(tx, code)));
  await publicTransaction((tx) =>
    assertWithinCommentLimits(
      tx,
      { secret: intakeSecret(), address: clientIp ?? "unknown", consultationCode: consultation.publicCode },
      appClock.now(),
    ),
  );
  const form = await readForm(request);
  const result = await submitPublicComment(getDatabase(), code, {
    form,
    intakeKey: request.headers.get("Idempotency-Key") ?? form.intakeKey,
    secret: intakeSecret(),
    now: appClock.now(),
  });
  return result.trackingCode;
}
