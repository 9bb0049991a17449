import { calendarDays, caseEvents, cases, caseTimers, outbox, type TenantTx, workflowVersions } from "@rdlink/db";
import {
  type CalendarOverrides,
  type CaseEventRow,
  type CaseSnapshot,
  type CaseStore,
  calendarFromDays,
  type TWorkflowDefinition,
  ZWorkflowDefinition,
} from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";

/** Parsed definitions by content hash: a published version never changes. */
const definitions = new Map<string, TWorkflowDefinition>();

/**
 * The workflow runtime's port on PostgreSQL/PGlite, bound to one tenant transaction.
 * Every query names the tenant as well (RLS is the second wall, and the index leads with it).
 */
export class DrizzleCaseStore implements CaseStore {
  private calendarCache: CalendarOverrides | undefined;

  constructor(private readonly tx: TenantTx) {}

  private get tenant() {
    return this.tx.tenantId;
  }

  async loadVersion(versionId: string) {
    const [row] = await this.tx
      .select({ definition: workflowVersions.definition, hash: workflowVersions.contentHash })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.tenantId, this.tenant), eq(workflowVersions.id, versionId)));
    if (!row) throw new Error(`Workflow version ${versionId} not found`);
    let definition = definitions.get(row.hash);
    if (!definition) {
      definition = ZWorkflowDefinition.parse(row.definition);
      definitions.set(row.hash, definition);
    }
    return { definition, hash: row.hash };
  }

  async loadCase(caseId: string) {
    const [row] = await this.tx
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, this.tenant), eq(cases.id, caseId)))
      .for("update");
    if (!row) return null;
    return {
      id: row.id,
      versionId: row.versionId,
      seq: row.seq,
      state: row.state,
      stateEnteredSeq: row.stateEnteredSeq,
      snapshot: row.snapshot as CaseSnapshot,
    };
  }

  async findEventByKey(caseId: string, idempotencyKey: string) {
    const [row] = await this.tx
      .select()
      .from(caseEvents)
      .where(
        and(
          eq(caseEvents.tenantId, this.tenant),
          eq(caseEvents.caseId, caseId),
          eq(caseEvents.idempotencyKey, idempotencyKey),
        ),
      );
    return row ? toEventRow(row) : null;
  }

  async insertCase(row: Parameters<CaseStore["insertCase"]>[0]) {
    const [version] = await this.tx
      .select({ workflowId: workflowVersions.workflowId })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.tenantId, this.tenant), eq(workflowVersions.id, row.versionId)));
    await this.tx.insert(cases).values({
      id: row.id,
      workflowId: version!.workflowId,
      versionId: row.versionId,
      seq: row.seq,
      state: row.state,
      stateEnteredSeq: row.stateEnteredSeq,
      snapshot: row.snapshot,
      status: row.status,
      createdAt: row.at,
      updatedAt: row.at,
    });
  }

  async updateCase(caseId: string, expectedSeq: number, change: Parameters<CaseStore["updateCase"]>[2]) {
    const updated = await this.tx
      .update(cases)
      .set({
        seq: change.seq,
        state: change.state,
        stateEnteredSeq: change.stateEnteredSeq,
        snapshot: change.snapshot,
        status: change.status,
        updatedAt: change.at,
        ...(change.versionId ? { versionId: change.versionId } : {}),
      })
      .where(and(eq(cases.tenantId, this.tenant), eq(cases.id, caseId), eq(cases.seq, expectedSeq)))
      .returning({ id: cases.id });
    return updated.length === 1;
  }

  async appendEvent(row: CaseEventRow) {
    await this.tx.insert(caseEvents).values(row);
  }

  async deleteTimersOfState(caseId: string, stateId: string) {
    await this.tx
      .delete(caseTimers)
      .where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.caseId, caseId), eq(caseTimers.stateId, stateId)));
  }

  async insertTimers(rows: Parameters<CaseStore["insertTimers"]>[0]) {
    if (rows.length > 0) await this.tx.insert(caseTimers).values(rows);
  }

  async loadTimer(timerId: string) {
    const [row] = await this.tx
      .select()
      .from(caseTimers)
      .where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.id, timerId)))
      .for("update", { skipLocked: true });
    if (!row) return null;
    const { tenantId: _tenant, ...timer } = row;
    return timer;
  }

  async deleteTimer(timerId: string) {
    await this.tx.delete(caseTimers).where(and(eq(caseTimers.tenantId, this.tenant), eq(caseTimers.id, timerId)));
  }

  async insertOutbox(rows: Parameters<CaseStore["insertOutbox"]>[0]) {
    if (rows.length > 0) {
      await this.tx.insert(outbox).values(rows.map(({ at, ...row }) => ({ ...row, createdAt: at, nextAttemptAt: at })));
    }
  }

  async calendar() {
    this.calendarCache ??= calendarFromDays(
      await this.tx
        .select({ date: calendarDays.day, kind: calendarDays.kind })
        .from(calendarDays)
        .where(eq(calendarDays.tenantId, this.tenant)),
    );
    return this.calendarCache;
  }
}

function toEventRow(row: typeof caseEvents.$inferSelect): CaseEventRow {
  const { tenantId: _tenant, ...event } = row;
  return event;
}
