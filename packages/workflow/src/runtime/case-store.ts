import type { TActivityKind, TLedgerFigure } from "@rdlink/vocabulary/activity-kinds";
import type { CalendarOverrides } from "../calendar";
import type { TWorkflowDefinition } from "../definition/definition-schema";
import type { CaseContext } from "../definition/library";

/**
 * The narrow port through which the runtime reaches the database. One store is bound
 * to one tenant's transaction, so everything a step writes commits or fails together.
 */
export type CaseSnapshot = { value: string; context: CaseContext; status: "active" | "done" };

export type StoredCase = {
  id: string;
  versionId: string;
  seq: number;
  state: string;
  /** The seq of the event that entered the current state: part of every timer's id. */
  stateEnteredSeq: number;
  snapshot: CaseSnapshot;
};

export type CaseEventRow = {
  caseId: string;
  seq: number;
  type: string;
  fromState: string | null;
  toState: string;
  actorUserId: string | null;
  actorRole: string;
  data: Record<string, unknown>;
  at: Date;
  idempotencyKey: string | null;
};

export type TimerRow = {
  id: string;
  caseId: string;
  stateId: string;
  entrySeq: number;
  deadlineId: string;
  rungId: string;
  event: string | null;
  notify: { to: string; template: string } | null;
  dueAt: Date;
};

export type OutboxRow = {
  caseId: string;
  seq: number;
  actionIndex: number;
  kind: "notify";
  payload: Record<string, unknown>;
  /** The step's time: the message is due from then on. */
  at: Date;
};

/**
 * A 履职台账 entry a step writes (`recordLedgerEntry`): at the case's station, on the day of
 * the step, with the deputies the step's form names besides the case's own.
 */
export type LedgerRow = {
  kind: TActivityKind;
  figure: TLedgerFigure | null;
  summary: string;
  deputyIds: string[];
};

/**
 * What a state means for the people working the case, kept on the case row so inboxes
 * and figures need not read snapshots: whose desk it is on and when its deadline ends.
 */
export type CaseDesk = {
  assigneeRole: string | null;
  assigneeScope: string | null;
  /** The team whose desk it is, when the assignee is a team. */
  assigneeTeam: string | null;
  /** When the state's first deadline reaches 100 %, and its first earlier rung (warning). */
  dueAt: Date | null;
  warnAt: Date | null;
  /** The state closes the case (办结): a final state, or one marked `closes`. */
  closes: boolean;
};

export type CaseRowChange = {
  seq: number;
  state: string;
  stateEnteredSeq: number;
  snapshot: CaseSnapshot;
  status: "active" | "done";
  at: Date;
  /** Set when the step entered a state; absent when the case stayed where it was. */
  desk?: CaseDesk;
  /** This step is a deadline of someone's task passing (a 100 % rung fired). */
  overdue?: boolean;
  /** What the step's capability actions record on the case's row (`rowEffectsOf`). */
  effects?: CaseRowEffect[];
};

/** An answer given (`recordAnswer`), a 面商 held (`recordConsultation`), a closed case reopened (`reopenCase`). */
export type CaseRowEffect = "answered" | "consulted" | "reopened";

/** Everything one step writes, applied atomically by the store. */
export type StepWrite = {
  caseId: string;
  /** The case is written only where it still has this seq. */
  expectedSeq: number;
  change: CaseRowChange & { versionId?: string };
  event: CaseEventRow;
  /** The state the case left: its timers go. Null when it stayed. */
  leftState: string | null;
  /** Timers to delete besides those (the one that just fired). */
  deleteTimerIds: string[];
  timers: TimerRow[];
  outbox: OutboxRow[];
  ledger?: LedgerRow[];
};

export interface CaseStore {
  loadVersion(versionId: string): Promise<{ definition: TWorkflowDefinition; hash: string }>;
  /** The case, locked for this transaction. */
  loadCase(caseId: string): Promise<StoredCase | null>;
  findEventByKey(caseId: string, idempotencyKey: string): Promise<CaseEventRow | null>;
  /** A new case with its first event and timers. */
  createCase(
    row: { id: string; versionId: string } & CaseRowChange,
    event: CaseEventRow,
    timers: TimerRow[],
  ): Promise<void>;
  /**
   * One step, all or nothing: false (and nothing written) when the case no longer has
   * `expectedSeq`. A database store can do it in one statement.
   */
  writeStep(step: StepWrite): Promise<boolean>;
  loadTimer(timerId: string): Promise<TimerRow | null>;
  deleteTimer(timerId: string): Promise<void>;
  /** The county's working-day calendar (only read when a deadline counts working time). */
  calendar(): Promise<CalendarOverrides>;
}
