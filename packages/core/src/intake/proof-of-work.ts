import { type Challenge, createChallenge, type Solution, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { z } from "zod";
import { ValidationError } from "../shared/errors";

/**
 * ALTCHA, self-hosted: the public form's browser solves a small SHA-256 puzzle while the
 * citizen types (≈ 65,000 hashes, well under a second on a phone), and the server checks
 * it without any foreign service. The challenge is signed and carries when the form was shown:
 * a submission sent too fast after opening the page, or after 30 minutes, is refused. Both are
 * judged by the app's clock (ALTCHA's own `expiresAt` would be judged by the machine's).
 */

/** Hex digits the derived key must start with: 4 → 16⁴ = 65,536 tries on average. */
const DIFFICULTY_PREFIX = "0000";
const CHALLENGE_TTL_MS = 30 * 60_000;
/** Nobody reads a form and types an opinion in less. */
export const MIN_FILL_MS = 3_000;

export async function issueChallenge(secret: string, now: Date): Promise<Challenge> {
  return createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    keyPrefix: DIFFICULTY_PREFIX,
    deriveKey,
    data: { shownAt: now.getTime() },
    hmacSignatureSecret: secret,
  });
}

const ZPayload = z.object({
  challenge: z.object({
    parameters: z.looseObject({ data: z.looseObject({ shownAt: z.number() }).optional() }),
    signature: z.string().min(1).max(200),
  }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string().min(1).max(200) }),
});

export type PowOutcome = { ok: true; signature: string } | { ok: false; reason: "invalid" | "expired" | "tooFast" };

/** Checks what the form sent (base64 JSON `{ challenge, solution }`), signature first. */
export async function checkSolution(secret: string, encoded: unknown, now: Date): Promise<PowOutcome> {
  if (typeof encoded !== "string" || encoded.length > 4000) return { ok: false, reason: "invalid" };
  let payload: z.infer<typeof ZPayload>;
  try {
    payload = ZPayload.parse(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const result = await verifySolution({
    challenge: payload.challenge as unknown as Challenge,
    solution: payload.solution as Solution,
    deriveKey,
    hmacSignatureSecret: secret,
  });
  if (!result.verified) return { ok: false, reason: "invalid" };
  const shownAt = payload.challenge.parameters.data?.shownAt;
  if (shownAt === undefined) return { ok: false, reason: "invalid" };
  if (now.getTime() - shownAt > CHALLENGE_TTL_MS) return { ok: false, reason: "expired" };
  if (now.getTime() - shownAt < MIN_FILL_MS) return { ok: false, reason: "tooFast" };
  return { ok: true, signature: payload.challenge.signature };
}

/** What the public form answers for a proof of work that fails: too fast, or reload the page. */
export function powRefusal(outcome: Extract<PowOutcome, { ok: false }>): ValidationError {
  return new ValidationError({}, outcome.reason === "tooFast" ? "intake.errors.tooFast" : "intake.errors.reload");
}
