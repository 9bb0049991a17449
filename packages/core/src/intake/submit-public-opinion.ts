import { commitWithNextStatement, type Database, type TenantTx } from "@rdlink/db";
import { withIntakeKeyRetry } from "../cases/intake-key";
import { withStagedFiles } from "../files/staged-files";
import { isUniqueViolation } from "../shared/errors";
import { findIntakeStation } from "./find-intake-station";
import { assertWithinIntakeLimits, type INTAKE_LIMITS } from "./rate-limit";
import { type PublicSubmission, submitOpinion } from "./submit-opinion";

/**
 * The public form's submission as one unit of work, one transaction: the station found
 * through its public code, submitOpinion in a savepoint, then the rate limits of the
 * client's address counted (`rateLimit`: the public route passes it; tests and the SMS test
 * county leave it out) by the statement that carries the COMMIT (decision 0046). A submission refused by submitOpinion's checks rolls back to the savepoint and still
 * commits its count, as a refused attempt always counted; one over the limit rolls back
 * everything. Its photos are kept only if the transaction commits a case; it is tried once
 * more when a concurrent submission with the same key won the race, so that every duplicate
 * answers the winner's tracking code (and is counted once).
 */
export function submitPublicOpinion(
  db: Database,
  publicCode: string,
  submission: Omit<PublicSubmission, "staged"> & {
    filesDirectory: string;
    rateLimit?: { clientAddress: string; limits?: typeof INTAKE_LIMITS };
  },
) {
  const { filesDirectory, rateLimit, ...rest } = submission;
  return withIntakeKeyRetry(() =>
    withStagedFiles(filesDirectory, async (staged) => {
      const outcome = await db.withoutTenant(
        async (tx) => {
          const { station, tenantTx } = await findIntakeStation(tx, publicCode);
          const submitted = await tenantTx
            .transaction((savepoint) =>
              submitOpinion(Object.assign(savepoint, { tenantId: tenantTx.tenantId }) as TenantTx, station, {
                ...rest,
                staged,
              }),
            )
            .then(
              (result) => ({ ok: true as const, result }),
              (error: unknown) => {
                // Lost the race for its key: all of it rolls back, and the retry counts it.
                if (isUniqueViolation(error)) throw error;
                return { ok: false as const, error };
              },
            );
          if (rateLimit) {
            const { clientAddress: address, limits } = rateLimit;
            // The transaction's last statement: it carries the COMMIT, and refuses itself when over the limit.
            commitWithNextStatement(tx);
            await assertWithinIntakeLimits(
              tx,
              { secret: rest.secret, address, stationId: station.stationId, limits },
              rest.now,
            );
          }
          return submitted;
        },
        { endsWithLastStatement: rateLimit !== undefined },
      );
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    }),
  );
}
