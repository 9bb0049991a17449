import type { Database } from "@rdlink/db";
import { withIntakeKeyRetry } from "../cases/intake-key";
import { withStagedFiles } from "../files/staged-files";
import { findIntakeStation } from "./find-intake-station";
import { type PublicSubmission, submitOpinion } from "./submit-opinion";

/**
 * The public form's submission as one unit of work: submitOpinion in its own transaction,
 * entered through the station's public code; its photos kept only if that transaction
 * commits; tried once more when a concurrent submission with the same key won the race,
 * so that every duplicate answers the winner's tracking code.
 */
export function submitPublicOpinion(
  db: Database,
  publicCode: string,
  submission: Omit<PublicSubmission, "staged"> & { filesDirectory: string },
) {
  const { filesDirectory, ...rest } = submission;
  return withIntakeKeyRetry(() =>
    withStagedFiles(filesDirectory, (staged) =>
      db.withoutTenant(async (tx) => {
        const { station, tenantTx } = await findIntakeStation(tx, publicCode);
        return submitOpinion(tenantTx, station, { ...rest, staged });
      }),
    ),
  );
}
