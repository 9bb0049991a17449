import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { applyEvent, type CaseContext } from "@rdlink/workflow";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZId } from "../shared/fields";
import { runtimeActor } from "./acting-as";
import { isAssignment, legalDueBy, readAssignmentNote } from "./assignment-note";
import { eventHas } from "./capabilities";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { coHandlingPermits, eventForm, fieldsMissingFor, fieldsRequiredBy, unitOptions } from "./event-forms";
import { lockCaseForStep } from "./load-case-in-scope";

/**
 * A step's data with the 交办 notes (`assignment-note.ts`) checked and kept on a 交办, and any
 * other `_` key dropped: notes belong to 交办 only.
 */
function withAssignmentNote(
  data: Record<string, unknown>,
  /** The legal deadline on a 交办 (null: none declared); undefined on any other step. */
  legalBy: string | null | undefined,
  now: Date,
) {
  const own = Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith("_")));
  return legalBy === undefined ? own : { ...own, ...readAssignmentNote(data, legalBy, now) };
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

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
  // Locked as it is read: the step's runtime goes on from this row instead of reading it again.
  const row = await lockCaseForStep(tx, ctx.actor, caseId);
  const store = new DrizzleCaseStore(tx).holding(row);
  const { definition } = await store.loadVersion(row.versionId);
  const state = definition.states[row.state];
  const form = state?.form ?? [];
  const references = form.filter((f) => ["handlingUnit", "deputy", "image"].includes(f.type) && f.key in data);
  if (references.length > 0) await validateFieldValues(tx, references, data, "data");
  if (!coHandlingPermits(ctx.actor, row, state, event)) throw new ValidationError({}, "errors.eventNotPermitted");
  const units = eventHas(state, event, "setCoHandlingUnits") ? await unitOptions(tx) : [];
  const ownForm = eventForm(state, event, units, row.handlingUnitId);
  // Checked here (the options are the county's units), keeping what the form does not name (a 交办's notes).
  if (ownForm) data = { ...data, ...(await validateFieldValues(tx, ownForm, data, "data")) };
  // A field the step's guard needs (申请延期's reason) is refused as missing, as the runtime refuses
  // a required field of the form (by its key), not as "not possible now".
  const context = (row.snapshot as { context: CaseContext }).context;
  const view = {
    values: { ...context.fields, ...data },
    counters: context.counters,
    role: runtimeActor(ctx.actor).roles[0] ?? "system",
  };
  const missing = [
    ...new Set([
      ...fieldsRequiredBy(state, event).filter((key) => isBlank(data[key])),
      ...fieldsMissingFor(state, event, view, isBlank),
    ]),
  ];
  if (missing.length > 0) {
    throw new ValidationError(Object.fromEntries(missing.map((key) => [key, "validation.required"])));
  }
  const legalBy = isAssignment(state, event)
    ? legalDueBy(definition, state, event, now, await store.calendar())
    : undefined;
  data = withAssignmentNote(data, legalBy, now);
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
