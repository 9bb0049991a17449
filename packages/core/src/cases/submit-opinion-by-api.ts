import { cases, stations, type TenantTx, tenants } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { consentOf } from "../privacy/consent";
import { parseInput, ValidationError } from "../shared/errors";
import { parsePublicStationCode } from "../stations/station-code";
import { intakeFingerprint, replayIntake } from "./intake-key";
import { findStationForIntake } from "./intake-station";
import { opinionData, parseOpinion, titleOf } from "./opinion-input";
import { openCase } from "./start-case";
import { newTrackingCode } from "./tracking-code";

/** What the API takes besides the opinion itself (which is ZOpinion's, as on every intake form). */
export const ZApiOpinionEnvelope = z.object({
  /** The station's public code (`450107-K7M2QD`, on its poster) or its id. */
  stationCode: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(64, "validation.tooLong"),
  /** The calling system's own reference (e.g. the hotline's ticket number), kept with the case. */
  externalId: z.string({ error: "validation.invalid" }).trim().max(100, "validation.tooLong").optional(),
});

/** The `Idempotency-Key` header: letters, digits and `-_.:`, up to 100 characters. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ApiSubmission = {
  /** The API key's id: idempotency keys are the caller's, so they are scoped to its key. */
  keyId: string;
  body: unknown;
  idempotencyKey: string | null;
  now: Date;
};

export type ApiOpinionResult = { caseId: string; trackingCode: string; state: string; created: boolean };

/**
 * An opinion from another system (e.g. the 12345 hotline) through the HTTP API: checked
 * like every intake form, opened on the county's opinion workflow with channel "api" at
 * the named station, in this one transaction. The same `Idempotency-Key` with the same body
 * answers the same case again and writes nothing; with another body it is refused (422)
 * (see intake-key.ts; the caller runs it in withIntakeKeyRetry).
 */
export async function submitOpinionByApi(tx: TenantTx, submission: ApiSubmission): Promise<ApiOpinionResult> {
  const { now } = submission;
  if (submission.idempotencyKey !== null && !IDEMPOTENCY_KEY.test(submission.idempotencyKey)) {
    throw new ValidationError({ "Idempotency-Key": "validation.invalid" });
  }
  const intakeKey = submission.idempotencyKey === null ? null : `api:${submission.keyId}:${submission.idempotencyKey}`;
  const fingerprint = intakeFingerprint(submission.body);
  if (intakeKey) {
    const earlier = await replayIntake(tx, intakeKey, fingerprint);
    if (earlier) return { ...earlier, created: false };
  }

  if (!isObject(submission.body)) throw new ValidationError({}, "validation.invalid");
  const body = submission.body;
  // Every bad field at once: the envelope's, the station's, then the opinion's own.
  const fieldErrors: Record<string, string> = {};
  const envelope = ZApiOpinionEnvelope.safeParse(body);
  if (!envelope.success) collect(fieldErrors, () => parseInput(ZApiOpinionEnvelope, body));
  const stationCode = ZApiOpinionEnvelope.shape.stationCode.safeParse(body.stationCode);
  const station = stationCode.success ? await findStation(tx, stationCode.data) : null;
  if (stationCode.success && !station) fieldErrors.stationCode = "validation.invalidReference";
  let opinion: Awaited<ReturnType<typeof parseOpinion>> | null = null;
  try {
    opinion = await parseOpinion(tx, body, station?.intakeFields ?? []);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(fieldErrors, error.fieldErrors);
  }
  if (!envelope.success || !station || !opinion || Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(fieldErrors);
  }

  const trackingCode = newTrackingCode(station.divisionCode);
  const externalId = envelope.data.externalId || undefined;
  const started = await openCase(tx, {
    kind: "opinion",
    preferred: station.intakeWorkflowId,
    data: { ...opinionData(opinion, []), ...(externalId ? { externalId } : {}) },
    intake: {
      townshipId: station.townshipId,
      stationId: station.id,
      trackingCode,
      channel: "api",
      category: opinion.category,
      title: titleOf(opinion.content),
      submitterName: opinion.submitterName,
      submitterPhone: opinion.submitterPhone,
      ...consentOf(opinion.submitterPhone),
      intakeKey,
      intakeFingerprint: fingerprint,
    },
    actor: { userId: null, roles: ["citizen"] },
    now,
  });
  const [row] = await tx
    .select({ state: cases.state })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, started.caseId)));
  return { caseId: started.caseId, trackingCode, state: row?.state ?? "", created: true };
}

/** Adds a failed parse's field errors to `into`. */
function collect(into: Record<string, string>, parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(into, error.fieldErrors);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An open station of this county, by its public code (this county's division code) or its id. */
async function findStation(tx: TenantTx, stationCode: string) {
  const publicCode = parsePublicStationCode(stationCode);
  const isId = UUID.test(stationCode);
  if (!publicCode && !isId) return null;
  return findStationForIntake(
    tx,
    publicCode
      ? and(eq(tenants.divisionCode, publicCode.divisionCode), eq(stations.code, publicCode.stationCode))!
      : eq(stations.id, stationCode.toLowerCase()),
  );
}
