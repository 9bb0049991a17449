import { findIntakeStation } from "@rdlink/core/intake/find-intake-station";
import { assertIntakeLimitsLeft, assertWithinIntakeLimits } from "@rdlink/core/intake/rate-limit";
import { loadOr404 } from "./actions.server";
import { appClock } from "./clock.server";
import { filesDirectory } from "./files.server";
import { intakeSecret, publicTransaction, readIntakeForm, submitToStation } from "./intake.server";
import { opinionInput } from "./opinion-form.server";

/**
 * The station's public form received, whether the page posts it (no script) or its script
 * sends it with upload progress (/s/:code/send). The cheap checks first, before a byte of
 * the body is read, in one read-only transaction: the station (from the address), then
 * whether the client's address or the station has used up its limit; the proof of work and
 * each part's limits as the form streams in (readIntakeForm). Then one transaction does the
 * rest, the limits' counters included (submitPublicOpinion); an attempt refused while its
 * body streams in is counted on its own. Answers the tracking code; refusals are thrown for
 * failureResponse.
 */
export async function receiveIntake(request: Request, code: string, clientIp: string | null) {
  const address = clientIp ?? "unknown";
  const limited = (stationId: string) => ({ secret: intakeSecret(), address, stationId });
  const { station } = await loadOr404(() =>
    publicTransaction(async (tx) => {
      const found = await findIntakeStation(tx, code);
      await assertIntakeLimitsLeft(tx, limited(found.station.stationId), appClock.now());
      return found;
    }),
  );
  const { values, files } = await readIntakeForm(request, { secret: intakeSecret(), now: appClock.now() }).catch(
    async (error: unknown) => {
      // Refused or broken off before submitPublicOpinion: it counts all the same.
      await publicTransaction((tx) => assertWithinIntakeLimits(tx, limited(station.stationId), appClock.now()));
      throw error;
    },
  );
  const result = await submitToStation(code, {
    form: opinionInput(values),
    photos: files("photos"),
    intakeKey: request.headers.get("Idempotency-Key") ?? values.intakeKey,
    secret: intakeSecret(),
    now: appClock.now(),
    filesDirectory: filesDirectory(),
    rateLimit: { clientAddress: address },
  });
  return result.trackingCode;
}
