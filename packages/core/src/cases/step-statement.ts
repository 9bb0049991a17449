import { answerClasses, caseEvents, cases, caseTimers, outbox, satisfactionLevels, type TenantTx } from "@rdlink/db";
import type { StepWrite } from "@rdlink/workflow";
import { and, eq, exists, getTableColumns, type InferInsertModel, or, type SQL, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * The statement `writeStep` runs, one round trip per step: the case's update as a CTE (`updated`,
 * empty when the seq moved on), the timers that go (only under it), and the event, the timers that
 * come and the outbox rows as plain multi-row VALUES. Plain VALUES because Citus routes a statement
 * whose writes all name one county to that county's shard, while an INSERT … SELECT it would pull
 * to the coordinator and COPY back, which RLS refuses (decision 0032). A step whose update found no
 * row (its case moved on) is thrown away by the runtime, and with it — the transaction or the
 * worker's savepoint rolls back — whatever the statement inserted; the case is locked from its load
 * on, so this does not happen in practice, and the event's (case, seq) key refuses a double anyway.
 */
export function stepStatement(
  tx: TenantTx,
  step: StepWrite,
  /** Whether someone holds the desk the step puts the case on; undefined when the desk stays. */
  { attended }: { attended?: boolean } = {},
) {
  const { change, event } = step;
  const desk = change.desk;
  const at = change.at.toISOString();
  const context = change.snapshot.context;
  // 满意度 as the workflow's `recordSatisfaction` action recorded it, whatever the field is called.
  const rating = context.satisfaction;
  const effects = new Set(change.effects ?? []);
  const update = tx
    .update(cases)
    .set({
      seq: change.seq,
      state: change.state,
      stateEnteredSeq: change.stateEnteredSeq,
      snapshot: change.snapshot,
      status: change.status,
      updatedAt: change.at,
      handlingUnitId: change.snapshot.context.handlingUnitId ?? null,
      coHandlingUnitIds: change.snapshot.context.coHandlingUnitIds ?? [],
      ...(change.versionId ? { versionId: change.versionId } : {}),
      // A step that stays in its state leaves the desk as it was.
      ...(desk
        ? {
            assigneeRole: desk.assigneeRole,
            assigneeScope: desk.assigneeScope,
            assigneeTeam: desk.assigneeTeam,
            dueAt: desk.dueAt,
            warnAt: desk.warnAt,
          }
        : {}),
      ...(desk?.assigneeTeam
        ? {
            teamKeys: sql`case when ${desk.assigneeTeam}::text = any(${cases.teamKeys}) then ${cases.teamKeys}
              else array_append(${cases.teamKeys}, ${desk.assigneeTeam}::text) end`,
          }
        : {}),
      // Unattended from the first step onto a desk nobody holds, until one lands on a held desk.
      ...(attended === undefined
        ? {}
        : { unattendedSince: attended ? null : sql`coalesce(${cases.unattendedSince}, ${at}::timestamptz)` }),
      ...(desk?.closes ? { closedAt: sql`coalesce(${cases.closedAt}, ${at}::timestamptz)` } : {}),
      ...(change.overdue ? { overdueAt: sql`coalesce(${cases.overdueAt}, ${at}::timestamptz)` } : {}),
      ...(isSatisfaction(rating) ? { satisfaction: rating } : {}),
      keySupervision: context.keySupervision === true,
      // The first answer, and whether it came before the deadline of the step it was given in
      // (`due_at` here is still the row's, the answering step's).
      ...(effects.has("answered")
        ? {
            firstAnsweredAt: sql`coalesce(${cases.firstAnsweredAt}, ${at}::timestamptz)`,
            answeredOnTime: sql`coalesce(${cases.answeredOnTime}, ${cases.dueAt} is null or ${at}::timestamptz <= ${cases.dueAt})`,
            answerClass: isAnswerClass(context.answerClass) ? context.answerClass : null,
          }
        : {}),
      ...(effects.has("consulted")
        ? {
            consultedAt: sql`coalesce(${cases.consultedAt}, ${at}::timestamptz)`,
            consultations: sql`${cases.consultations} + 1`,
          }
        : {}),
      // A 回头看 found the promise not kept: the case is open again until it closes anew.
      ...(effects.has("reopened") ? { closedAt: null } : {}),
    })
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, step.caseId), eq(cases.seq, step.expectedSeq)))
    .returning({ tenantId: cases.tenantId, id: cases.id });
  const updated = tx.$with("updated", { tenantId: cases.tenantId, id: cases.id }).as(update.getSQL());
  const ofCase = { tenantId: tx.tenantId, caseId: step.caseId };
  const gone = tx
    .$with("gone")
    .as(
      tx
        .delete(caseTimers)
        .where(
          and(
            eq(caseTimers.tenantId, tx.tenantId),
            eq(caseTimers.caseId, step.caseId),
            exists(tx.select({ id: updated.id }).from(updated)),
            or(
              sql`${caseTimers.stateId} = ${step.leftState}`,
              sql`${caseTimers.id} in (select jsonb_array_elements_text(${JSON.stringify(step.deleteTimerIds)}::jsonb))`,
            ),
          ),
        ),
    );
  const inserts = [
    insertEvent(ofCase, event),
    insertTimers(ofCase, step.timers),
    insertValues(
      outbox,
      ofCase,
      ["seq", "actionIndex", "kind", "payload", "createdAt", "nextAttemptAt"],
      step.outbox.map((m) => ({ ...m, createdAt: m.at, nextAttemptAt: m.at })),
    ),
  ]
    .filter((insert): insert is SQL => insert !== null)
    .map((insert, i) => tx.$with(`written_${i}`, {}).as(insert));
  return tx
    .with(updated, gone, ...inserts)
    .select({ written: sql<number>`count(*)::int` })
    .from(updated);
}

/**
 * A case's start in one statement: its row, its first event and its first state's timers, the
 * row as a CTE and the rest as plain VALUES like a step's (foreign keys are checked at the
 * statement's end, when the row is there).
 */
export function startStatement(
  tx: TenantTx,
  row: InferInsertModel<typeof cases>,
  event: StepWrite["event"],
  timers: StepWrite["timers"],
) {
  const created = tx
    .$with("created", { id: cases.id })
    .as(tx.insert(cases).values(row).returning({ id: cases.id }).getSQL());
  const ofCase = { tenantId: tx.tenantId, caseId: event.caseId };
  const inserts = [insertEvent(ofCase, event), insertTimers(ofCase, timers)]
    .filter((insert): insert is SQL => insert !== null)
    .map((insert, i) => tx.$with(`written_${i}`, {}).as(insert));
  return tx
    .with(created, ...inserts)
    .select({ created: sql<number>`count(*)::int` })
    .from(created);
}

type OfCase = { tenantId: string; caseId: string };

const insertEvent = (ofCase: OfCase, event: StepWrite["event"]) =>
  insertValues(
    caseEvents,
    ofCase,
    ["seq", "type", "fromState", "toState", "actorUserId", "actorRole", "data", "at", "idempotencyKey"],
    [event],
  );

const insertTimers = (ofCase: OfCase, timers: StepWrite["timers"]) =>
  insertValues(
    caseTimers,
    ofCase,
    ["id", "stateId", "entrySeq", "deadlineId", "rungId", "event", "notify", "dueAt"],
    timers,
  );

/** Column names as the database has them: the schema names its columns by their keys, in snake_case. */
const casing = new CasingCache("snake_case");

/**
 * `insert into <table> (...) values (...), (...)`: one tuple per element of `rows`, each value a
 * parameter cast to its column's SQL type, `fixed` filling the same columns of every row. Null when
 * there are no rows (no statement to run).
 */
function insertValues<T extends PgTable>(
  table: T,
  fixed: Partial<Record<keyof InferInsertModel<T> & string, string>>,
  keys: readonly (keyof InferInsertModel<T> & string)[],
  rows: Partial<InferInsertModel<T>>[],
): SQL | null {
  if (rows.length === 0) return null;
  const columns = columnsOf(table);
  const column = (key: string) => {
    const found = columns[key];
    if (!found) throw new Error(`${key} is not a column of the table`);
    return found;
  };
  const fixedKeys = Object.keys(fixed) as (keyof typeof fixed & string)[];
  const target = [...fixedKeys, ...keys].map((key) => sql.identifier(casing.getColumnCasing(column(key))));
  const param = (key: string, value: unknown) => {
    const type = column(key).getSQLType();
    return sql`${encode(value, type)}::${sql.raw(type)}`;
  };
  const tuples = rows.map(
    (row) =>
      sql`(${sql.join(
        [
          ...fixedKeys.map((key) => param(key, fixed[key])),
          ...keys.map((key) => param(key, (row as Record<string, unknown>)[key])),
        ],
        sql`, `,
      )})`,
  );
  return sql`insert into ${table} (${sql.join(target, sql`, `)}) values ${sql.join(tuples, sql`, `)}`;
}

/** Tables' columns by key, looked up once: every step inserts into the same three tables. */
const tableColumns = new WeakMap<PgTable, Record<string, PgColumn>>();
function columnsOf(table: PgTable): Record<string, PgColumn> {
  let columns = tableColumns.get(table);
  if (!columns) {
    columns = getTableColumns(table);
    tableColumns.set(table, columns);
  }
  return columns;
}

/** A value as its parameter's text: JSON for a jsonb column, ISO for a moment, null when not set. */
function encode(value: unknown, type: string) {
  if (value === undefined || value === null) return null;
  if (type === "jsonb" || type === "json") return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

const isSatisfaction = (value: unknown): value is (typeof satisfactionLevels)[number] =>
  (satisfactionLevels as readonly unknown[]).includes(value);

const isAnswerClass = (value: unknown): value is (typeof answerClasses)[number] =>
  (answerClasses as readonly unknown[]).includes(value);
