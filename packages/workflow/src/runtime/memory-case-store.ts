import type { CalendarOverrides } from "../calendar";
import { contentHash } from "../definition/content-hash";
import type { TWorkflowDefinition } from "../definition/definition-schema";
import type {
  CaseEventRow,
  CaseRowChange,
  CaseStore,
  LedgerRow,
  OutboxRow,
  StepWrite,
  StoredCase,
  TimerRow,
} from "./case-store";

/**
 * The CaseStore port in memory: for tests of the runtime's logic without a database (the
 * PostgreSQL and PGlite adapter is tested in @rdlink/core), and for the designer's
 * simulation, which runs the very same steps in the browser.
 */
export class MemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, StoredCase & { status: string }>();
  readonly events: CaseEventRow[] = [];
  readonly timers = new Map<string, TimerRow>();
  readonly outbox: OutboxRow[] = [];
  readonly ledger: (LedgerRow & { caseId: string; seq: number })[] = [];
  private readonly versions = new Map<string, { definition: TWorkflowDefinition; hash: string }>();

  constructor(private readonly calendarDays: CalendarOverrides = { holidays: new Set(), workdays: new Set() }) {}

  addVersion(versionId: string, definition: TWorkflowDefinition) {
    this.versions.set(versionId, { definition, hash: contentHash(definition) });
  }

  async loadVersion(versionId: string) {
    const version = this.versions.get(versionId);
    if (!version) throw new Error(`no version ${versionId}`);
    return version;
  }
  async loadCase(caseId: string) {
    const found = this.cases.get(caseId);
    return found ? structuredClone(found) : null;
  }
  async findEventByKey(caseId: string, key: string) {
    return this.events.find((e) => e.caseId === caseId && e.idempotencyKey === key) ?? null;
  }
  async createCase(row: { id: string; versionId: string } & CaseRowChange, event: CaseEventRow, timers: TimerRow[]) {
    this.cases.set(row.id, structuredClone({ ...row }));
    this.events.push(structuredClone(event));
    for (const timer of timers) this.timers.set(timer.id, timer);
  }
  async writeStep(step: StepWrite) {
    const current = this.cases.get(step.caseId);
    if (!current || current.seq !== step.expectedSeq) return false;
    if (this.events.some((e) => e.caseId === step.caseId && e.seq === step.event.seq)) throw new Error("duplicate seq");
    this.cases.set(step.caseId, structuredClone({ ...current, ...step.change }));
    this.events.push(structuredClone(step.event));
    for (const [id, timer] of this.timers) {
      const left = timer.caseId === step.caseId && timer.stateId === step.leftState;
      if (left || step.deleteTimerIds.includes(id)) this.timers.delete(id);
    }
    for (const timer of step.timers) this.timers.set(timer.id, timer);
    this.outbox.push(...step.outbox);
    this.ledger.push(...(step.ledger ?? []).map((row) => ({ ...row, caseId: step.caseId, seq: step.event.seq })));
    return true;
  }
  async loadTimer(timerId: string) {
    return this.timers.get(timerId) ?? null;
  }
  async deleteTimer(timerId: string) {
    this.timers.delete(timerId);
  }
  async calendar() {
    return this.calendarDays;
  }
  eventsOf(caseId: string) {
    return this.events.filter((e) => e.caseId === caseId).sort((a, b) => a.seq - b.seq);
  }
}
