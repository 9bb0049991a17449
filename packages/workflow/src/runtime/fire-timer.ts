import { type StepResult, takeStep } from "./case-runtime";
import type { CaseStore } from "./case-store";
import { WorkflowError } from "./errors";

/** The event a timer sends when its rung names none: recorded, changes nothing. */
export const DEADLINE_REACHED = "DEADLINE_REACHED";

/** The idempotency key of the step a timer fires: its event is recorded under it, at most once. */
export const timerStepKey = (timerId: string) => `timer:${timerId}`;

export type TimerOutcome = {
  timerId: string;
  fired: boolean;
  reason?: "gone" | "stale" | "guardNotMet";
  result?: StepResult;
};

/**
 * Fires one due timer, exactly once: its event goes through `applyEvent` with the timer
 * id as idempotency key, and the timer row is deleted in the same transaction. A timer
 * whose state was left (or re-entered) since it was set is a logged no-op.
 */
export async function fireTimer(store: CaseStore, timerId: string, now: Date): Promise<TimerOutcome> {
  const timer = await store.loadTimer(timerId);
  if (!timer) return { timerId, fired: false, reason: "gone" };
  const stored = await store.loadCase(timer.caseId);
  if (!stored || stored.state !== timer.stateId || stored.stateEnteredSeq !== timer.entrySeq) {
    await store.deleteTimer(timerId);
    return { timerId, fired: false, reason: "stale" };
  }
  try {
    const result = await takeStep(
      store,
      timer.caseId,
      { type: timer.event ?? DEADLINE_REACHED, data: { deadlineId: timer.deadlineId, rungId: timer.rungId } },
      {
        expectedSeq: stored.seq,
        idempotencyKey: timerStepKey(timerId),
        actor: { userId: null, roles: ["system"] },
        now,
      },
      {
        deleteTimerIds: [timerId],
        notify: timer.notify ? { ...timer.notify, timerId } : undefined,
        rung: { stateId: timer.stateId, deadlineId: timer.deadlineId, rungId: timer.rungId },
      },
    );
    return { timerId, fired: true, result };
  } catch (error) {
    // Its transitions' guards do not hold: the rung passes without a trace in the case's history.
    if (!(error instanceof WorkflowError && error.code === "eventNotAvailable")) throw error;
    await store.deleteTimer(timerId);
    return { timerId, fired: false, reason: "guardNotMet" };
  }
}
