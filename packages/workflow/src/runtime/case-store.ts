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

export type CaseRowChange = {
  seq: number;
  state: string;
  stateEnteredSeq: number;
  snapshot: CaseSnapshot;
  status: "active" | "done";
  at: Date;
};

export interface CaseStore {
  loadVersion(versionId: string): Promise<{ definition: TWorkflowDefinition; hash: string }>;
  /** The case, locked for this transaction. */
  loadCase(caseId: string): Promise<StoredCase | null>;
  findEventByKey(caseId: string, idempotencyKey: string): Promise<CaseEventRow | null>;
  insertCase(row: { id: string; versionId: string } & CaseRowChange): Promise<void>;
  /** Writes the change only where the case still has `expectedSeq`; false when it moved on. */
  updateCase(caseId: string, expectedSeq: number, change: CaseRowChange & { versionId?: string }): Promise<boolean>;
  appendEvent(row: CaseEventRow): Promise<void>;
  deleteTimersOfState(caseId: string, stateId: string): Promise<void>;
  insertTimers(rows: TimerRow[]): Promise<void>;
  loadTimer(timerId: string): Promise<TimerRow | null>;
  deleteTimer(timerId: string): Promise<void>;
  insertOutbox(rows: OutboxRow[]): Promise<void>;
  calendar(): Promise<CalendarOverrides>;
}
