import type { TFieldDefinition } from "@rdlink/forms";
import {
  addDays,
  addDuration,
  type CalendarOverrides,
  DUE_BY_KEY,
  type DurationUnit,
  handlingStepsAfter,
  localDateOf,
  type TState,
  type TWorkflowDefinition,
} from "@rdlink/workflow";
import { ValidationError } from "../shared/errors";
import { eventHas, transitionsOf } from "./capabilities";

/**
 * What the one who assigns a case (交办, a transition carrying `assignHandlingUnit`) may add
 * to the step besides the county's form: a 交办意见 and a date by which the unit is asked to
 * finish, no later than the legal deadline. Their keys begin with `_`, which no field of a
 * county's form may (`fieldKeyPattern`), so they never meet a county's field or a guard; the
 * runtime keeps them with the step's event (`case-runtime.ts`), and the timeline shows them.
 *
 * The date caps the case's deadlines: the runtime keeps it with the case (`assignHandlingUnit`)
 * and ends the deadlines of the unit's steps after the 交办 (those `legalDueBy` counts) at the end
 * of that day when that is earlier, so timers, 催办, 逾期 and the countdown follow it
 * (`@rdlink/workflow` `runtime/due-by.ts`, ADR 0017). An approved 延期 is not capped.
 */
export const ASSIGN_NOTE = "_assignNote";
export const ASSIGN_DUE_BY = DUE_BY_KEY;

/** The two fields, the date's help naming the legal deadline when there is one. */
export function assignmentNoteFields(legalBy: string | null): TFieldDefinition[] {
  return [
    {
      key: ASSIGN_NOTE,
      label: { "zh-CN": "交办意见", en: "Instructions" },
      type: "longText",
      required: false,
      maxLength: 500,
    },
    {
      key: ASSIGN_DUE_BY,
      label: { "zh-CN": "要求办结日期（选填）", en: "Asked to finish by (optional)" },
      type: "date",
      required: false,
      help: legalBy
        ? {
            "zh-CN": `可短于法定期限，不得晚于${legalBy}`,
            en: `May be shorter than the legal deadline, ${legalBy} at the latest`,
          }
        : undefined,
    },
  ] as TFieldDefinition[];
}

/** Whether `event` in `state` is a 交办. */
export const isAssignment = (state: TState | undefined, event: string) => eventHas(state, event, "assignHandlingUnit");

/**
 * The legal deadline of a 交办 made now: the latest end of the deadlines of the handling unit's
 * first steps after it (its acceptance and its handling, `handlingStepsAfter`), counted from now
 * in the county's calendar, as the last day (YYYY-MM-DD). Null when those steps declare none.
 */
export function legalDueBy(
  definition: TWorkflowDefinition,
  state: TState | undefined,
  event: string,
  now: Date,
  calendar: CalendarOverrides,
): string | null {
  const steps = handlingStepsAfter(
    definition,
    transitionsOf(state, event).map((t) => t.target),
  );
  let latest: Date | null = null;
  for (const id of steps) {
    for (const deadline of definition.states[id]?.deadlines ?? []) {
      const end = addDuration(
        now,
        { amount: deadline.duration.amount, unit: deadline.duration.unit as DurationUnit },
        calendar,
      );
      if (!latest || end > latest) latest = end;
    }
  }
  return latest ? localDateOf(new Date(latest.getTime() - 1)) : null;
}

/**
 * The notes of a 交办 as given (other `_` keys are not kept): the instructions, trimmed, at
 * most 500 characters; the date after today and not after the legal deadline. Field errors
 * under `data.` otherwise. (Checked here, not by the form validator: their keys are no form's.)
 */
export function readAssignmentNote(data: Record<string, unknown>, legalBy: string | null, now: Date) {
  const notes: Record<string, string> = {};
  const note = data[ASSIGN_NOTE];
  if (note !== undefined && note !== null && note !== "") {
    if (typeof note !== "string") throw new ValidationError({ [`data.${ASSIGN_NOTE}`]: "validation.invalid" });
    if (note.trim().length > 500) throw new ValidationError({ [`data.${ASSIGN_NOTE}`]: "validation.tooLong" });
    if (note.trim()) notes[ASSIGN_NOTE] = note.trim();
  }
  const dueBy = data[ASSIGN_DUE_BY];
  if (dueBy === undefined || dueBy === null || dueBy === "") return notes;
  const field = `data.${ASSIGN_DUE_BY}`;
  if (typeof dueBy !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(dueBy) || Number.isNaN(Date.parse(dueBy))) {
    throw new ValidationError({ [field]: "validation.invalidDate" });
  }
  if (dueBy < addDays(localDateOf(now), 1)) throw new ValidationError({ [field]: "validation.dueByPast" });
  if (legalBy && dueBy > legalBy) throw new ValidationError({ [field]: "validation.dueByAfterLegal" });
  notes[ASSIGN_DUE_BY] = dueBy;
  return notes;
}
