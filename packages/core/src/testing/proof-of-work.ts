import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { issueChallenge } from "../intake/proof-of-work";

/** The intake secret of the tests that submit through the public form. */
export const TEST_INTAKE_SECRET = "test-intake-secret-0123456789abcdef";

/** What the browser does: solve the puzzle shown at `shownAt`, send it base64-encoded. */
export async function solvedChallenge(shownAt: Date, secret = TEST_INTAKE_SECRET): Promise<string> {
  const challenge = await issueChallenge(secret, shownAt);
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}
