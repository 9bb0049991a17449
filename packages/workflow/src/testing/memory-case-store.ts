import type { CalendarOverrides } from "../calendar";
import { contentHash } from "../definition/content-hash";
import type { TWorkflowDefinition } from "../definition/definition-schema";
import type { CaseEventRow, CaseRowChange, CaseStore, OutboxRow, StoredCase, TimerRow } from "../runtime/case-store";

/**
 * The CaseStore port in memory, for tests of the runtime's logic without a database
 * (the PostgreSQL and PGlite adapter is tested in @rdlink/core).
 */
export class MemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, StoredCase & { status: string }>();
  readonly events: CaseEventRow[] = [];
  readonly timers = new Map<string, TimerRow>();
  readonly outbox: OutboxRow[] = [];
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
  async insertCase(row: { id: string; versionId: string } & CaseRowChange) {
    this.cases.set(row.id, structuredClone({ ...row }));
  }
  async updateCase(caseId: string, expectedSeq: number, change: CaseRowChange & { versionId?: string }) {
    const current = this.cases.get(caseId);
    if (!current || current.seq !== expectedSeq) return false;
    this.cases.set(caseId, structuredClone({ ...current, ...change }));
    return true;
  }
  async appendEvent(row: CaseEventRow) {
    if (this.events.some((e) => e.caseId === row.caseId && e.seq === row.seq)) throw new Error("duplicate seq");
    this.events.push(structuredClone(row));
  }
  async deleteTimersOfState(caseId: string, stateId: string) {
    for (const [id, timer] of this.timers)
      if (timer.caseId === caseId && timer.stateId === stateId) this.timers.delete(id);
  }
  async insertTimers(rows: TimerRow[]) {
    for (const row of rows) this.timers.set(row.id, row);
  }
  async loadTimer(timerId: string) {
    return this.timers.get(timerId) ?? null;
  }
  async deleteTimer(timerId: string) {
    this.timers.delete(timerId);
  }
  async insertOutbox(rows: OutboxRow[]) {
    this.outbox.push(...rows);
  }
  async calendar() {
    return this.calendarDays;
  }
  eventsOf(caseId: string) {
    return this.events.filter((e) => e.caseId === caseId).sort((a, b) => a.seq - b.seq);
  }
}
