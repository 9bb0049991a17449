import { type AppTx, consultationArticles, consultationComments, type Database, rateLimits } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { intakeFingerprint, withIntakeKeyRetry } from "../cases/intake-key";
import { newTrackingCode } from "../cases/tracking-code";
import { checkSolution, powRefusal } from "../intake/proof-of-work";
import { addressKey, hitRateLimit, type RateLimit } from "../intake/rate-limit";
import { IdempotencyKeyReusedError, parseInput, RateLimitedError, ValidationError } from "../shared/errors";
import { ZPublicComment } from "./consultation-input";
import { isClosed } from "./consultation-state";
import { findPublicConsultation } from "./find-public-consultation";

const ZIntakeKey = /^[A-Za-z0-9-]{16,64}$/;
/** What the form sends besides what the commenter wrote: not part of what a key is compared on. */
const NOT_CONTENT = new Set(["altcha", "website", "intakeKey"]);

export type CommentSubmission = {
  form: Record<string, unknown>;
  intakeKey: unknown;
  secret: string;
  now: Date;
};

/**
 * A comment from the consultation's public page, as the station's form takes an opinion: the
 * honeypot, the proof of work (each solved puzzle counts once), the fields, and a refusal once
 * the consultation is closed (its last day over by the app clock, or closed by staff). Answers
 * its tracking code; the same key with the same text answers the same code and writes nothing.
 * Run it in its own transaction (rate limits are counted before, as on the station's form).
 */
export async function submitComment(tx: AppTx, code: unknown, submission: CommentSubmission) {
  const { now, form } = submission;
  const { tenantTx, consultation, divisionCode } = await findPublicConsultation(tx, code);
  if (typeof submission.intakeKey !== "string" || !ZIntakeKey.test(submission.intakeKey)) {
    throw new ValidationError({}, "intake.errors.reload");
  }
  const intakeKey = submission.intakeKey;
  const fingerprint = intakeFingerprint(
    Object.fromEntries(Object.entries(form).filter(([key]) => !NOT_CONTENT.has(key))),
  );
  const [earlier] = await tenantTx
    .select({ trackingCode: consultationComments.trackingCode, fingerprint: consultationComments.intakeFingerprint })
    .from(consultationComments)
    .where(and(eq(consultationComments.tenantId, tenantTx.tenantId), eq(consultationComments.intakeKey, intakeKey)));
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    return { trackingCode: earlier.trackingCode!, repeated: true };
  }
  if (isClosed(consultation, now)) throw new ValidationError({}, "consultations.errors.closed");
  if (String(form.website ?? "") !== "") throw new ValidationError({}, "intake.errors.refused");
  const pow = await checkSolution(submission.secret, form.altcha, now);
  if (!pow.ok) throw powRefusal(pow);
  const comment = parseInput(ZPublicComment, form);
  if (comment.articleId) {
    const [article] = await tenantTx
      .select({ id: consultationArticles.id })
      .from(consultationArticles)
      .where(
        and(
          eq(consultationArticles.tenantId, tenantTx.tenantId),
          eq(consultationArticles.consultationId, consultation.id),
          eq(consultationArticles.id, comment.articleId),
        ),
      );
    if (!article) throw new ValidationError({ articleId: "validation.invalid" });
  }
  const fresh = await tenantTx
    .insert(rateLimits)
    .values({ key: `pow:${pow.signature}`, windowStart: now, count: 1 })
    .onConflictDoNothing()
    .returning({ key: rateLimits.key });
  if (fresh.length === 0) throw new ValidationError({}, "intake.errors.reload");

  const named = Boolean(comment.submitterName || comment.submitterPhone);
  const trackingCode = newTrackingCode(divisionCode);
  await tenantTx.insert(consultationComments).values({
    consultationId: consultation.id,
    articleId: comment.articleId,
    content: comment.content,
    channel: "online",
    peopleCount: 1,
    submitterName: comment.submitterName,
    submitterPhone: comment.submitterPhone,
    consentAt: named ? now : null,
    trackingCode,
    intakeKey,
    intakeFingerprint: fingerprint,
    createdAt: now,
  });
  return { trackingCode, repeated: false };
}

/** The public page's comment as one unit of work, tried once more if a double tap with its key won the race. */
export function submitPublicComment(db: Database, code: unknown, submission: CommentSubmission) {
  return withIntakeKeyRetry(() => db.withoutTenant((tx) => submitComment(tx, code, submission)));
}

/** What the comment page allows: a person a few comments an hour (as on the station's form), a draft many. */
export const COMMENT_LIMITS = {
  perAddress: { max: 10, windowMs: 60 * 60_000 },
  perConsultation: { max: 600, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimit>;

/** The comment page's limits, counted in their own transaction before the comment (refused attempts count too). */
export async function assertWithinCommentLimits(
  tx: AppTx,
  args: { secret: string; address: string; consultationCode: string },
  now: Date,
): Promise<void> {
  for (const [key, limit] of [
    [addressKey(args.secret, args.address), COMMENT_LIMITS.perAddress],
    [`consultation:${args.consultationCode}`, COMMENT_LIMITS.perConsultation],
  ] as const) {
    const outcome = await hitRateLimit(tx, key, limit, now);
    if (!outcome.allowed) throw new RateLimitedError(outcome.retryAfterSeconds);
  }
}
