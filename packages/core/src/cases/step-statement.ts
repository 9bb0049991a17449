import {
  answerClasses,
  caseEvents,
  cases,
  caseTimers,
  outbox,
  QueryShapes,
  satisfactionLevels,
  type TenantTx,
} from "@rdlink/db";
import type { StepWrite } from "@rdlink/workflow";
import { and, eq, exists, getTableColumns, type InferInsertModel, or, type SQL, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { deskHeldCondition } from "../notifications/notification-recipients";
import { isSqlState, STATEMENT_REFUSED_ITSELF } from "../shared/errors";

/**
 * What decides the text of a step's statement: which columns it sets and how many rows it inserts.
 * Everything else is a placeholder, so the text is built once per shape (`QueryShapes`).
 */
export type StepShape = {
  /** The step puts the case on a desk (it leaves its state); a step that stays leaves the desk. */
  desk: boolean;
  team: boolean;
  /**
   * The new desk, when it is staff's (`role@scope`, or `team@`): the statement asks whether anyone
   * holds it, and marks the case unattended if nobody does. "" when the case lands where nobody is
   * to hold it (closed, the citizen's turn): the mark clears. Null when the desk stays, and so does the mark.
   */
  staffDesk: string | null;
  closes: boolean;
  overdue: boolean;
  satisfaction: boolean;
  answered: boolean;
  consulted: boolean;
  reopened: boolean;
  version: boolean;
  timers: number;
  outbox: number;
};

export function stepShapeOf(step: StepWrite): StepShape {
  const { change } = step;
  const effects = change.effects ?? [];
  return {
    desk: change.desk !== undefined,
    team: Boolean(change.desk?.assigneeTeam),
    staffDesk: staffDeskOf(change),
    closes: change.desk?.closes === true,
    overdue: change.overdue === true,
    satisfaction: isSatisfaction(change.snapshot.context.satisfaction),
    answered: effects.includes("answered"),
    consulted: effects.includes("consulted"),
    reopened: effects.includes("reopened"),
    version: Boolean(change.versionId),
    timers: step.timers.length,
    outbox: step.outbox.length,
  };
}

/**
 * Whose desk a step (or a start) puts the case on, as the unattended mark needs it
 * (`StepShape.staffDesk`). A desk is staff's while the case is open and its role is neither
 * missing nor the citizen's. A case put on a staff desk that no active user holds (a station
 * without a liaison, a team without members, a suggestion whose deputies have no account) goes to
 * the county: it is marked unattended (`unattended_since`, written by the statement of the step that
 * put it there, `deskHeld`, or with a start's row) and is on the county admin's desk, with a badge. No
 * notification per case: a county with many unstaffed desks would drown its admins' bell; the desk
 * is where they look. The mark clears as soon as a later step lands on a desk someone holds.
 */
export function staffDeskOf(change: Pick<StepWrite["change"], "desk" | "status">): string | null {
  const desk = change.desk;
  if (desk === undefined) return null;
  const staff = change.status === "active" && desk.assigneeRole !== null && desk.assigneeRole !== "citizen";
  return staff ? `${desk.assigneeRole}@${desk.assigneeRole === "team" ? "" : (desk.assigneeScope ?? "")}` : "";
}

/** Where the case belongs, as the step's statement looks up who holds its new desk. */
export type StepCasePlace = { townshipId: string | null; stationId: string | null; deputyIds: string[] | null };

const steps = new QueryShapes("write_step");

/**
 * Writes a step in one round trip (`stepStatement`); false when the case had moved on and
 * nothing was written (the transaction is then aborted: the runtime throws).
 */
export async function writeStepStatement(tx: TenantTx, step: StepWrite, place: StepCasePlace): Promise<boolean> {
  const shape = stepShapeOf(step);
  try {
    await steps.run(tx, shapeKey(shape), () => stepStatement(tx, shape), stepValues(tx.tenantId, step, place));
    return true;
  } catch (error) {
    if (isSqlState(error, STATEMENT_REFUSED_ITSELF)) return false;
    throw error;
  }
}

const shapeKey = (shape: StepShape) =>
  Object.values(shape)
    .map((value) => (typeof value === "boolean" ? (value ? "1" : "0") : value === null ? "-" : value))
    .join("|");

/**
 * The statement a step runs, one round trip: the case's update as a CTE (`updated`, empty when
 * the seq moved on), the timers that go (only under it), and the event, the timers that come and
 * the outbox rows as plain multi-row VALUES. Plain VALUES because Citus routes a statement whose
 * writes all name one county to that county's shard, while an INSERT … SELECT it would pull to
 * the coordinator and COPY back, which RLS refuses (decision 0032). A step whose update found no
 * row (its case moved on) is thrown away by the runtime, and with it — the transaction or the
 * worker's savepoint rolls back — whatever the statement inserted; the case is locked from its
 * load on, so this does not happen in practice, and the event's (case, seq) key refuses a double
 * anyway. Such a statement fails itself (it divides by the count of rows updated): nothing of it
 * can commit, even when the COMMIT was written behind it (decision 0046). Its values are
 * placeholders named as `stepValues` names them.
 */
export function stepStatement(tx: TenantTx, shape: StepShape) {
  const at = param(cases.updatedAt, "at");
  const update = tx
    .update(cases)
    .set({
      seq: param(cases.seq, "seq"),
      state: param(cases.state, "state"),
      stateEnteredSeq: param(cases.stateEnteredSeq, "stateEnteredSeq"),
      snapshot: param(cases.snapshot, "snapshot"),
      status: param(cases.status, "status"),
      updatedAt: at,
      handlingUnitId: param(cases.handlingUnitId, "handlingUnitId"),
      coHandlingUnitIds: param(cases.coHandlingUnitIds, "coHandlingUnitIds"),
      ...(shape.version ? { versionId: param(cases.versionId, "versionId") } : {}),
      // A step that stays in its state leaves the desk as it was.
      ...(shape.desk
        ? {
            assigneeRole: param(cases.assigneeRole, "assigneeRole"),
            assigneeScope: param(cases.assigneeScope, "assigneeScope"),
            assigneeTeam: param(cases.assigneeTeam, "assigneeTeam"),
            dueAt: param(cases.dueAt, "dueAt"),
            warnAt: param(cases.warnAt, "warnAt"),
          }
        : {}),
      ...(shape.team
        ? {
            teamKeys: sql`case when ${param(cases.assigneeTeam, "assigneeTeam")} = any(${cases.teamKeys}) then ${cases.teamKeys}
              else array_append(${cases.teamKeys}, ${param(cases.assigneeTeam, "assigneeTeam")}) end`,
          }
        : {}),
      // Unattended from the first step onto a desk nobody holds, until one lands on a held desk.
      ...(shape.staffDesk === null
        ? {}
        : {
            unattendedSince: shape.staffDesk
              ? sql`case when ${deskHeld(tx, shape.staffDesk)} then null else coalesce(${cases.unattendedSince}, ${at}) end`
              : null,
          }),
      ...(shape.closes ? { closedAt: sql`coalesce(${cases.closedAt}, ${at})` } : {}),
      ...(shape.overdue ? { overdueAt: sql`coalesce(${cases.overdueAt}, ${at})` } : {}),
      ...(shape.satisfaction ? { satisfaction: param(cases.satisfaction, "satisfaction") } : {}),
      keySupervision: param(cases.keySupervision, "keySupervision"),
      // The first answer, and whether it came before the deadline of the step it was given in
      // (`due_at` here is still the row's, the answering step's).
      ...(shape.answered
        ? {
            firstAnsweredAt: sql`coalesce(${cases.firstAnsweredAt}, ${at})`,
            answeredOnTime: sql`coalesce(${cases.answeredOnTime}, ${cases.dueAt} is null or ${at} <= ${cases.dueAt})`,
            answerClass: param(cases.answerClass, "answerClass"),
          }
        : {}),
      ...(shape.consulted
        ? {
            consultedAt: sql`coalesce(${cases.consultedAt}, ${at})`,
            consultations: sql`${cases.consultations} + 1`,
          }
        : {}),
      // A 回头看 found the promise not kept: the case is open again until it closes anew.
      ...(shape.reopened ? { closedAt: null } : {}),
    })
    .where(
      and(
        eq(cases.tenantId, param(cases.tenantId, "tenantId")),
        eq(cases.id, param(cases.id, "caseId")),
        eq(cases.seq, param(cases.seq, "expectedSeq")),
      ),
    )
    .returning({ tenantId: cases.tenantId, id: cases.id });
  const updated = tx.$with("updated", { tenantId: cases.tenantId, id: cases.id }).as(update.getSQL());
  const gone = tx
    .$with("gone")
    .as(
      tx
        .delete(caseTimers)
        .where(
          and(
            eq(caseTimers.tenantId, param(caseTimers.tenantId, "tenantId")),
            eq(caseTimers.caseId, param(caseTimers.caseId, "caseId")),
            exists(tx.select({ id: updated.id }).from(updated)),
            or(
              eq(caseTimers.stateId, param(caseTimers.stateId, "leftState")),
              sql`${caseTimers.id} in (select jsonb_array_elements_text(${sql.placeholder("deleteTimerIds")}::jsonb))`,
            ),
          ),
        ),
    );
  const inserts = [insertEvent(), insertTimers(shape.timers), insertValues(outbox, "outbox", outboxKeys, shape.outbox)]
    .filter((insert): insert is SQL => insert !== null)
    .map((insert, i) => tx.$with(`written_${i}`, {}).as(insert));
  return tx
    .with(updated, gone, ...inserts)
    .select({ written: sql<number>`(1 / count(*))::int` })
    .from(updated);
}

/**
 * Whether any active member of the county holds the desk (`role@scope`), as notifications find
 * the desk's people: the case's place, its new units and team are the step's placeholders.
 */
export function deskHeld(tx: TenantTx, staffDesk: string): SQL {
  const [role = null, scope = null] = staffDesk.split("@");
  return deskHeldCondition(
    tx,
    { role, scope: scope || null },
    {
      tenantId: param(cases.tenantId, "tenantId"),
      townshipId: param(cases.townshipId, "deskTownshipId"),
      stationId: param(cases.stationId, "deskStationId"),
      handlingUnitIds: param(cases.coHandlingUnitIds, "deskUnitIds"),
      deputyIds: param(cases.deputyIds, "deskDeputyIds"),
      team: param(cases.assigneeTeam, "assigneeTeam"),
    },
  );
}

/** The values of `deskHeld`'s placeholders but the tenant and the team (the step's own). */
export function deskValues(place: StepCasePlace, handlingUnitId: string | null) {
  return {
    deskTownshipId: place.townshipId,
    deskStationId: place.stationId,
    deskUnitIds: pgArray(handlingUnitId ? [handlingUnitId] : []),
    deskDeputyIds: pgArray(place.deputyIds ?? []),
  };
}

/** The values of a step's placeholders, encoded as `param` casts them. */
function stepValues(tenantId: string, step: StepWrite, place: StepCasePlace): Record<string, unknown> {
  const { change } = step;
  const context = change.snapshot.context;
  const desk = change.desk;
  return {
    tenantId,
    caseId: step.caseId,
    expectedSeq: step.expectedSeq,
    leftState: step.leftState,
    deleteTimerIds: JSON.stringify(step.deleteTimerIds),
    at: change.at.toISOString(),
    seq: change.seq,
    state: change.state,
    stateEnteredSeq: change.stateEnteredSeq,
    snapshot: JSON.stringify(change.snapshot),
    status: change.status,
    handlingUnitId: context.handlingUnitId ?? null,
    coHandlingUnitIds: pgArray(context.coHandlingUnitIds ?? []),
    versionId: change.versionId ?? null,
    assigneeRole: desk?.assigneeRole ?? null,
    assigneeScope: desk?.assigneeScope ?? null,
    assigneeTeam: desk?.assigneeTeam ?? null,
    dueAt: encode(desk?.dueAt),
    warnAt: encode(desk?.warnAt),
    // 满意度 as the workflow's `recordSatisfaction` action recorded it, whatever the field is called.
    satisfaction: isSatisfaction(context.satisfaction) ? context.satisfaction : null,
    keySupervision: context.keySupervision === true,
    answerClass: isAnswerClass(context.answerClass) ? context.answerClass : null,
    ...deskValues(place, context.handlingUnitId ?? null),
    ...rowValues(caseEvents, "event", eventKeys, [step.event]),
    ...rowValues(caseTimers, "timer", timerKeys, step.timers),
    ...rowValues(
      outbox,
      "outbox",
      outboxKeys,
      step.outbox.map((m) => ({ ...m, createdAt: m.at, nextAttemptAt: m.at })),
    ),
  };
}

const starts = new QueryShapes("start_case");

/**
 * A case's start in one statement: its row, its first event and its first state's timers, the
 * row as a CTE and the rest as plain VALUES like a step's (foreign keys are checked at the
 * statement's end, when the row is there). Its shape is the row's columns and the number of timers.
 */
export async function writeStartStatement(
  tx: TenantTx,
  row: InferInsertModel<typeof cases>,
  event: StepWrite["event"],
  timers: StepWrite["timers"],
): Promise<void> {
  const columns = (Object.keys(row) as (keyof typeof row & string)[]).filter((key) => row[key] !== undefined);
  await starts.run(tx, `${columns.join(",")}|${timers.length}`, () => startStatement(tx, columns, timers.length), {
    tenantId: tx.tenantId,
    caseId: event.caseId,
    ...rowValues(cases, "case", columns, [row]),
    ...rowValues(caseEvents, "event", eventKeys, [event]),
    ...rowValues(caseTimers, "timer", timerKeys, timers),
  });
}

export function startStatement(
  tx: TenantTx,
  columns: (keyof InferInsertModel<typeof cases> & string)[],
  timers: number,
) {
  const row = Object.fromEntries(columns.map((key) => [key, param(columnsOf(cases)[key]!, `case0_${key}`)]));
  const created = tx.$with("created", { id: cases.id }).as(
    tx
      .insert(cases)
      .values(row as unknown as InferInsertModel<typeof cases>)
      .returning({ id: cases.id })
      .getSQL(),
  );
  const inserts = [insertEvent(), insertTimers(timers)]
    .filter((insert): insert is SQL => insert !== null)
    .map((insert, i) => tx.$with(`written_${i}`, {}).as(insert));
  return tx
    .with(created, ...inserts)
    .select({ created: sql<number>`count(*)::int` })
    .from(created);
}

const eventKeys = [
  "seq",
  "type",
  "fromState",
  "toState",
  "actorUserId",
  "actorRole",
  "data",
  "at",
  "idempotencyKey",
] as const;
const timerKeys = ["id", "stateId", "entrySeq", "deadlineId", "rungId", "event", "notify", "dueAt"] as const;
const outboxKeys = ["seq", "actionIndex", "kind", "payload", "createdAt", "nextAttemptAt"] as const;

const insertEvent = () => insertValues(caseEvents, "event", eventKeys, 1);
const insertTimers = (count: number) => insertValues(caseTimers, "timer", timerKeys, count);

/** Column names as the database has them: the schema names its columns by their keys, in snake_case. */
const casing = new CasingCache("snake_case");

/**
 * `insert into <table> (tenant_id, case_id, ...) values (...), (...)`: `count` tuples of
 * placeholders named `<prefix><i>_<key>` (`rowValues` fills them), each cast to its column's SQL
 * type. Null when there are no rows (no statement to run).
 */
function insertValues<T extends PgTable>(
  table: T,
  prefix: string,
  keys: readonly (keyof InferInsertModel<T> & string)[],
  count: number,
): SQL | null {
  if (count === 0) return null;
  const column = (key: string) => {
    const found = columnsOf(table)[key];
    if (!found) throw new Error(`${key} is not a column of the table`);
    return found;
  };
  const target = ["tenantId", "caseId", ...keys].map((key) => sql.identifier(casing.getColumnCasing(column(key))));
  const tuples = Array.from(
    { length: count },
    (_, i) =>
      sql`(${sql.join(
        [
          param(column("tenantId"), "tenantId"),
          param(column("caseId"), "caseId"),
          ...keys.map((key) => param(column(key), `${prefix}${i}_${key}`)),
        ],
        sql`, `,
      )})`,
  );
  return sql`insert into ${table} (${sql.join(target, sql`, `)}) values ${sql.join(tuples, sql`, `)}`;
}

/** The placeholders' values of `insertValues`'s tuples (or of any columns so named), encoded. */
function rowValues<T extends PgTable>(
  table: T,
  prefix: string,
  keys: readonly (keyof InferInsertModel<T> & string)[],
  rows: readonly Partial<InferInsertModel<T>>[],
): Record<string, unknown> {
  const columns = columnsOf(table);
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const key of keys)
      values[`${prefix}${i}_${key}`] = encode((row as Record<string, unknown>)[key], columns[key]);
  });
  return values;
}

/** A placeholder cast to its column's SQL type (the value comes as text, `encode`d). */
function param(column: PgColumn, name: string): SQL {
  return sql`${sql.placeholder(name)}::${sql.raw(sqlTypeOf(column))}`;
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

const sqlTypes = new WeakMap<PgColumn, string>();
function sqlTypeOf(column: PgColumn): string {
  let type = sqlTypes.get(column);
  if (type === undefined) {
    type = column.getSQLType();
    sqlTypes.set(column, type);
  }
  return type;
}

/**
 * A value as its parameter's text: JSON for a jsonb column, ISO for a moment, an array literal
 * for an array, null when not set.
 */
function encode(value: unknown, column?: PgColumn) {
  if (value === undefined || value === null) return null;
  const type = column ? sqlTypeOf(column) : "";
  if (type === "jsonb" || type === "json") return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return pgArray(value);
  return value;
}

/** A PostgreSQL array literal of text elements, each quoted. */
export function pgArray(values: readonly unknown[]): string {
  return `{${values.map((value) => `"${String(value).replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

const isSatisfaction = (value: unknown): value is (typeof satisfactionLevels)[number] =>
  (satisfactionLevels as readonly unknown[]).includes(value);

const isAnswerClass = (value: unknown): value is (typeof answerClasses)[number] =>
  (answerClasses as readonly unknown[]).includes(value);
