import { answerClasses, caseEvents, cases, caseTimers, outbox, satisfactionLevels, type TenantTx } from "@rdlink/db";
import type { StepWrite } from "@rdlink/workflow";
import { and, eq, exists, getTableColumns, type InferInsertModel, or, type SQL, type Subquery, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * The statement `writeStep` runs: the case's update as a CTE (`updated`, empty when the seq
 * moved on), and the event, the timers that go and come, and the outbox rows, each written
 * only under it: one round trip per step.
 */
export function stepStatement(tx: TenantTx, step: StepWrite) {
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
  const fromCase = { tenantId: updated.tenantId, caseId: updated.id };
  const eventRow = tx
    .$with("event", {})
    .as(
      insertUnder(
        updated,
        caseEvents,
        fromCase,
        ["seq", "type", "fromState", "toState", "actorUserId", "actorRole", "data", "at", "idempotencyKey"],
        [event],
      ),
    );
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
  const timers = tx
    .$with("timers", {})
    .as(
      insertUnder(
        updated,
        caseTimers,
        fromCase,
        ["id", "stateId", "entrySeq", "deadlineId", "rungId", "event", "notify", "dueAt"],
        step.timers,
      ),
    );
  const messages = tx.$with("messages", {}).as(
    insertUnder(
      updated,
      outbox,
      fromCase,
      ["seq", "actionIndex", "kind", "payload", "createdAt", "nextAttemptAt"],
      step.outbox.map((m) => ({ ...m, createdAt: m.at, nextAttemptAt: m.at })),
    ),
  );
  return tx
    .with(updated, eventRow, gone, timers, messages)
    .select({ written: sql<number>`count(*)::int` })
    .from(updated);
}

/** Column names as the database has them: the schema names its columns by their keys, in snake_case. */
const casing = new CasingCache("snake_case");

/**
 * `insert into <table> ... select` one row per element of `rows` (sent as one jsonb parameter
 * and read back with `jsonb_to_recordset`) for each row of `parent`: none when it is empty.
 * Names and SQL types come from the table's columns; `fromParent` fills columns from `parent`.
 */
function insertUnder<T extends PgTable>(
  parent: Subquery,
  table: T,
  fromParent: Partial<Record<keyof InferInsertModel<T> & string, PgColumn>>,
  keys: readonly (keyof InferInsertModel<T> & string)[],
  rows: Partial<InferInsertModel<T>>[],
): SQL {
  const columns: Record<string, PgColumn> = getTableColumns(table);
  const column = (key: string) => {
    const found = columns[key];
    if (!found) throw new Error(`${key} is not a column of the table`);
    return found;
  };
  const parentKeys = Object.keys(fromParent) as (keyof typeof fromParent & string)[];
  const target = [...parentKeys, ...keys].map((key) => sql.identifier(casing.getColumnCasing(column(key))));
  const values = [
    ...parentKeys.map((key) => sql`${fromParent[key]}`),
    ...keys.map((key) => sql`x.${sql.identifier(key)}`),
  ];
  const record = keys.map((key) => sql`${sql.identifier(key)} ${sql.raw(column(key).getSQLType())}`);
  return sql`insert into ${table} (${sql.join(target, sql`, `)})
    select ${sql.join(values, sql`, `)}
    from ${parent}, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.join(record, sql`, `)})`;
}

const isSatisfaction = (value: unknown): value is (typeof satisfactionLevels)[number] =>
  (satisfactionLevels as readonly unknown[]).includes(value);

const isAnswerClass = (value: unknown): value is (typeof answerClasses)[number] =>
  (answerClasses as readonly unknown[]).includes(value);
