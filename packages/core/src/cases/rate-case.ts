import type { AppTx } from "@rdlink/db";
import { applyEvent } from "@rdlink/workflow";
import { z } from "zod";
import { parseInput, ValidationError } from "../shared/errors";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { findTrackedCase } from "./find-tracked-case";

export const ZRating = z.object({
  expectedSeq: z.coerce.number().int().min(1),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "validation.invalid"),
  data: z.record(z.string(), z.unknown()),
});

/**
 * The citizen's rating (满意 / 基本满意 / 不满意), by tracking code: the workflow's event
 * for the citizen in the current state, with its form. A repeated submission is answered
 * like the first; one on a case that moved on is a 409.
 */
export async function rateCase(tx: AppTx, code: unknown, input: unknown, now: Date) {
  const { tenantTx, row } = await findTrackedCase(tx, code);
  const { expectedSeq, idempotencyKey, data } = parseInput(ZRating, input);
  const store = new DrizzleCaseStore(tenantTx);
  const { definition } = await store.loadVersion(row.versionId);
  const key = `rating:${idempotencyKey}`;
  const earlier = await store.findEventByKey(row.id, key);
  if (earlier) return { caseId: row.id, seq: earlier.seq, state: earlier.toState, replayed: true };
  const event = definition.states[row.state]?.transitions.find((t) => t.roles.includes("citizen"))?.event;
  if (!event) throw new ValidationError({}, "track.errors.notRatable");
  try {
    return await applyEvent(
      store,
      row.id,
      { type: event, data },
      {
        expectedSeq,
        idempotencyKey: key,
        actor: { userId: null, roles: ["citizen"] },
        now,
      },
    );
  } catch (error) {
    throw asUseCaseError(error);
  }
}
