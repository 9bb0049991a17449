import {
  addDuration,
  type CalendarOverrides,
  type DurationUnit,
  durationBetween,
  endOfLocalDate,
  fractionOf,
} from "../calendar";
import type { TDeadline, TWorkflowDefinition } from "../definition/definition-schema";
import type { CaseContext } from "../definition/library";

/**
 * 要求办结日期: a 交办 (a transition carrying `assignHandlingUnit`) may ask the handling unit to
 * finish before the legal deadline. The date, YYYY-MM-DD, is the event's `_dueBy` (core checks it:
 * after today, not after the legal deadline); `assignHandlingUnit` keeps it in the case's context
 * as `dueBy`, and a later 交办 without one clears it. It caps the deadlines of the handling unit's
 * first steps after a 交办 (`handlingStepsAfter`): they end at the end of that day in the county's
 * time (Asia/Shanghai) when that is earlier than what they declare, and their ladder's rungs are
 * spread over the shorter span, so 催办, 逾期 and the countdown all follow it.
 */
export const DUE_BY_KEY = "_dueBy";

/**
 * The handling unit's first steps after a transition into `targets`: the states assigned to the
 * handling unit among the targets and, through those, the next ones (its 签收 and its 办理). A step
 * assigned to anyone else (the county's 延期审批) ends the walk, so an approved extension is not
 * capped. The 交办's legal deadline is the latest end of these steps' deadlines.
 */
export function handlingStepsAfter(definition: TWorkflowDefinition, targets: readonly string[]): Set<string> {
  const seen = new Set<string>();
  let layer = [...targets];
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const id of layer) {
      const step = definition.states[id];
      if (seen.has(id) || !step || step.assignee?.scope !== "handlingUnit") continue;
      seen.add(id);
      next.push(...step.transitions.map((t) => t.target));
    }
    layer = next;
  }
  return seen;
}

/** Cached per (immutable, cached) definition: the steps a 交办's date may cap. */
const capped = new WeakMap<TWorkflowDefinition, Set<string>>();
function cappedSteps(definition: TWorkflowDefinition): Set<string> {
  let steps = capped.get(definition);
  if (!steps) {
    const targets = Object.values(definition.states).flatMap((state) =>
      state.transitions.filter((t) => t.actions.some((a) => a.type === "assignHandlingUnit")).map((t) => t.target),
    );
    steps = handlingStepsAfter(definition, targets);
    capped.set(definition, steps);
  }
  return steps;
}

/** The instant the case's asked date caps `stateId`'s deadlines, or null when it does not. */
export function dueByCap(definition: TWorkflowDefinition, stateId: string, context: CaseContext): Date | null {
  if (typeof context.dueBy !== "string" || !cappedSteps(definition).has(stateId)) return null;
  try {
    return endOfLocalDate(context.dueBy);
  } catch {
    return null;
  }
}

/**
 * The due time of each rung of `deadline`, counted from `base`: as declared, or, when `cap` ends
 * it earlier and is still ahead of the step's entry (a 督办 entered once the date has passed keeps
 * its own time), spread over the span up to `cap`, the 100 % rung at `cap` itself.
 */
export function rungTimes(
  deadline: TDeadline,
  base: Date,
  enteredAt: Date,
  cap: Date | null,
  calendar: CalendarOverrides,
): Date[] {
  const duration = { amount: deadline.duration.amount, unit: deadline.duration.unit as DurationUnit };
  const declared = (percent: number) => addDuration(base, fractionOf(duration, percent), calendar);
  if (!cap || cap >= declared(100) || cap <= enteredAt) return deadline.ladder.map((r) => declared(r.atPercent));
  const shorter = durationBetween(base, cap, duration.unit, calendar);
  return deadline.ladder.map((rung) => {
    const at = addDuration(base, fractionOf(shorter, rung.atPercent), calendar);
    return rung.atPercent >= 100 && at < cap ? cap : at;
  });
}
