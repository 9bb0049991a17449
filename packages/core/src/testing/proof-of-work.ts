import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { issueChallenge } from "../intake/proof-of-work";

/** The intake secret of the tests that submit through the public form. */
export const TEST_INTAKE_SECRET = "test-intake-secret-0123456789abcdef";

/** What the browser does: solve the puzzle shown at `shownAt`, send it base64-encoded. */
export async function solvedChallenge(shownAt: Date, secret = TEST_INTAKE_SECRET): Promise<string> {
  const challenge = await issueChallenge(secret, shownAt);
  // No time limit: altcha's 90 s runs on the wall clock from the solve's start, and puzzles solved
  // side by side on a loaded machine (the fault test solves 240) passed it and came back unsolved.
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 0 });
  if (!solution) throw new Error("The proof of work was not solved");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}
