import { findIntakeStation } from "@rdlink/core/intake/find-intake-station";
import { assertWithinIntakeLimits } from "@rdlink/core/intake/rate-limit";
import { loadOr404 } from "./actions.server";
import { appClock } from "./clock.server";
import { filesDirectory } from "./files.server";
import { intakeSecret, publicTransaction, readIntakeForm, submitToStation } from "./intake.server";
import { opinionInput } from "./opinion-form.server";

/**
 * The station's public form received, whether the page posts it (no script) or its script
 * sends it with upload progress (/s/:code/send). The cheap checks first, before a byte of
 * the body is read: the station (from the address), then the rate limits (the client's
 * address); the proof of work and each part's limits as the form streams in
 * (readIntakeForm). Answers the tracking code; refusals are thrown for failureResponse.
 */
export async function receiveIntake(request: Request, code: string, clientIp: string | null) {
  const { station } = await loadOr404(() => publicTransaction((tx) => findIntakeStation(tx, code)));
  await publicTransaction((tx) =>
    assertWithinIntakeLimits(
      tx,
      { secret: intakeSecret(), address: clientIp ?? "unknown", stationId: station.stationId },
      appClock.now(),
    ),
  );
  const { values, files } = await readIntakeForm(request, { secret: intakeSecret(), now: appClock.now() });
  const result = await submitToStation(code, {
    form: opinionInput(values),
    photos: files("photos"),
    intakeKey: request.headers.get("Idempotency-Key") ?? values.intakeKey,
    secret: intakeSecret(),
    now: appClock.now(),
    filesDirectory: filesDirectory(),
  });
  return result.trackingCode;
}
