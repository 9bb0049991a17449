import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";
import { useEffect, useState } from "react";

/**
 * Solves a public form's proof-of-work puzzle in the background while the citizen types. The form
 * can be sent once it is solved and the shortest time a person takes has passed (the server
 * refuses anything faster as a bot), so nobody is turned away for being quick.
 */
export function useSolvedChallenge(challenge: Challenge, minFillMs: number) {
  const [payload, setPayload] = useState("");
  useEffect(() => {
    const controller = new AbortController();
    const shortestFill = new Promise((resolve) => setTimeout(resolve, minFillMs));
    Promise.all([solveChallenge({ challenge, deriveKey, controller }), shortestFill]).then(([solution]) => {
      if (solution) setPayload(btoa(JSON.stringify({ challenge, solution })));
    });
    return () => controller.abort();
  }, [challenge, minFillMs]);
  return payload;
}
