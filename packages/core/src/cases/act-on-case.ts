import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { applyEvent } from "@rdlink/workflow";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZId } from "../shared/fields";
import { runtimeActor } from "./acting-as";
import { eventHas } from "./capabilities";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { coHandlingPermits, eventForm, unitOptions } from "./event-forms";
import { loadCaseInScope } from "./load-case-in-scope";

export const ZActOnCase = z.object({
  caseId: ZId,
  event: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, "validation.invalid"),
  data: z.record(z.string(), z.unknown()).default({}),
  /** The seq the actor saw: a case that moved on since is a 409, never a silent overwrite. */
  expectedSeq: z.number().int().min(1),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

/**
 * One step of a case by a signed-in user, on a case within their reach (404 otherwise);
 * the workflow decides which roles may take it. Units, deputies and photos the step's
 * form names must exist in this county.
 */
export async function actOnCase(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { caseId, event, expectedSeq, idempotencyKey, ...rest } = parseInput(ZActOnCase, input);
  let data = rest.data;
  const row = await loadCaseInScope(tx, ctx.actor, caseId);
  const store = new DrizzleCaseStore(tx);
  const { definition } = await store.loadVersion(row.versionId);
  const state = definition.states[row.state];
  const form = state?.form ?? [];
  const references = form.filter((f) => ["handlingUnit", "deputy", "image"].includes(f.type) && f.key in data);
  if (references.length > 0) await validateFieldValues(tx, references, data, "data");
  if (!coHandlingPermits(ctx.actor, row, state, event)) throw new ValidationError({}, "errors.eventNotPermitted");
  const units = eventHas(state, event, "setCoHandlingUnits") ? await unitOptions(tx) : [];
  const ownForm = eventForm(state, event, units, row.handlingUnitId);
  if (ownForm) data = await validateFieldValues(tx, ownForm, data, "data");
  try {
    return await applyEvent(
      store,
      caseId,
      { type: event, data },
      {
        expectedSeq,
        idempotencyKey,
        actor: runtimeActor(ctx.actor),
        now,
      },
    );
  } catch (error) {
    throw asUseCaseError(error);
  }
}
