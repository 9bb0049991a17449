import {
  applyEvent,
  type CalendarOverrides,
  type CaseEventRow,
  fireTimer,
  MemoryCaseStore,
  type OutboxRow,
  startCase,
  type TActorRole,
  type TimerRow,
  type TWorkflowDefinition,
  WorkflowError,
} from "@rdlink/workflow";

const CASE_ID = "simulated-case";
const VERSION_ID = "draft";

/** A role that acts by hand in the simulation (the system acts through the clock). */
export type SimulationRole = Exclude<TActorRole, "system">;

export type SimulationOutcome =
  | { ok: true }
  | { ok: false; code: WorkflowError["code"]; fieldErrors?: Record<string, string> };

/**
 * One case run through the draft by the real runtime: the compiled XState machine, the
 * permission and form checks, and deadlines counted in the county's working-day calendar,
 * exactly as on the server, with the in-memory store in place of the database and a clock
 * that only moves when asked to.
 */
export class Simulation {
  private readonly store: MemoryCaseStore;
  private clock: Date;

  private constructor(
    readonly definition: TWorkflowDefinition,
    calendar: CalendarOverrides,
    readonly startedAt: Date,
  ) {
    this.store = new MemoryCaseStore(calendar);
    this.store.addVersion(VERSION_ID, definition);
    this.clock = startedAt;
  }

  static async start(
    definition: TWorkflowDefinition,
    calendar: CalendarOverrides,
    startedAt: Date,
    data: Record<string, unknown> = {},
  ): Promise<Simulation> {
    const simulation = new Simulation(definition, calendar, startedAt);
    await startCase(simulation.store, {
      caseId: CASE_ID,
      versionId: VERSION_ID,
      data,
      actor: { userId: null, roles: ["county_admin"] },
      now: startedAt,
    });
    return simulation;
  }

  get now(): Date {
    return this.clock;
  }

  private get case() {
    const found = this.store.cases.get(CASE_ID);
    if (!found) throw new Error("the simulated case was not started");
    return found;
  }

  get state(): string {
    return this.case.state;
  }

  get done(): boolean {
    return this.case.status === "done" || this.definition.states[this.state]?.kind === "final";
  }

  /** The transitions of the current state that `role` may take (guards are checked on sending). */
  eventsFor(role: SimulationRole) {
    const state = this.definition.states[this.state];
    if (!state || state.kind === "final") return [];
    return state.transitions
      .map((transition, index) => ({ ...transition, index }))
      .filter((t) => t.roles.includes(role));
  }

  /** Sends an event as `role` with the step form's values; a refusal changes nothing. */
  async send(event: string, role: SimulationRole, data: Record<string, unknown>): Promise<SimulationOutcome> {
    try {
      await applyEvent(
        this.store,
        CASE_ID,
        { type: event, data },
        { expectedSeq: this.case.seq, actor: { userId: null, roles: [role] }, now: this.clock },
      );
      return { ok: true };
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      const fieldErrors = error.details.fieldErrors as Record<string, string> | undefined;
      return { ok: false, code: error.code, ...(fieldErrors ? { fieldErrors } : {}) };
    }
  }

  /** Deadline rungs still to come, soonest first. */
  pendingTimers(): TimerRow[] {
    return [...this.store.timers.values()]
      .filter((t) => t.caseId === CASE_ID)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
  }

  /**
   * Moves the clock to the next due rung and fires it as the worker would. Returns the
   * timer fired, or null when no deadline is pending.
   */
  async advanceToNextDeadline(): Promise<TimerRow | null> {
    const [next] = this.pendingTimers();
    if (!next) return null;
    if (next.dueAt > this.clock) this.clock = next.dueAt;
    await fireTimer(this.store, next.id, this.clock);
    return next;
  }

  /** Every step so far, oldest first, with the notifications it queued. */
  trace(): (CaseEventRow & { notifications: OutboxRow[] })[] {
    return this.store.eventsOf(CASE_ID).map((event) => ({
      ...event,
      notifications: this.store.outbox.filter((o) => o.caseId === CASE_ID && o.seq === event.seq),
    }));
  }
}
