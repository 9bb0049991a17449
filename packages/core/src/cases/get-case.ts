import { caseEvents, cases, type TenantTx, users } from "@rdlink/db";
import type { TFieldDefinition, TLocalizedText } from "@rdlink/forms";
import { type GuardView, guardCouldHold, mayBeSentBy, type TState, type TWorkflowDefinition } from "@rdlink/workflow";
import { and, asc, eq, or } from "drizzle-orm";
import { countsOnProvisionalCalendar } from "../calendar/counts-on-provisional-calendar";
import { maskPhone } from "../deputies/sheet";
import type { UseCaseContext } from "../shared/context";
import { teamNames } from "../teams/list-teams";
import { actingAs } from "./acting-as";
import { ASSIGN_DUE_BY, assignmentNoteFields, isAssignment, legalDueBy } from "./assignment-note";
import { capabilityOf } from "./capabilities";
import { caseDesk } from "./case-desk";
import { caseNames } from "./case-names";
import { deadlineCountdown } from "./deadline-countdown";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { coHandlingPermits, eventForm, stepForm, unitOptions } from "./event-forms";
import { deadlineState } from "./list-cases";
import { loadCaseInScope } from "./load-case-in-scope";

/**
 * A case page: what was submitted, where it stands, its timeline from the event log
 * (who did what when, with what they wrote), and the steps this actor may take here,
 * each with the form it needs. The submitter's number is masked.
 */
export async function getCase(tx: TenantTx, ctx: UseCaseContext, caseId: unknown, now = ctx.clock.now()) {
  const row = await loadCaseInScope(tx, ctx.actor, caseId);
  const store = new DrizzleCaseStore(tx);
  const { definition } = await store.loadVersion(row.versionId);
  const state = definition.states[row.state];
  const names = await caseNames(tx, row.id);
  // 整合: the suggestion an opinion went into, and the opinions a suggestion came from.
  const linked = await tx
    .select({ id: cases.id, title: cases.title, trackingCode: cases.trackingCode, mergedIntoId: cases.mergedIntoId })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, tx.tenantId),
        or(eq(cases.mergedIntoId, row.id), row.mergedIntoId ? eq(cases.id, row.mergedIntoId) : undefined),
      ),
    );
  const events = await tx
    .select({
      seq: caseEvents.seq,
      type: caseEvents.type,
      fromState: caseEvents.fromState,
      toState: caseEvents.toState,
      actorRole: caseEvents.actorRole,
      actorName: users.displayName,
      data: caseEvents.data,
      at: caseEvents.at,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .where(and(eq(caseEvents.tenantId, tx.tenantId), eq(caseEvents.caseId, row.id)))
    .orderBy(asc(caseEvents.seq));
  const units = await unitOptions(tx);
  const teams = await teamNames(tx);
  const desk = await caseDesk(tx, row, definition, names, teams);
  const calendar = await store.calendar();
  const legalBy = (event: string) => legalDueBy(definition, state, event, now, calendar);
  // The date the last 交办 asked the unit to finish by, while the case is open.
  const askedDueBy = row.closedAt
    ? null
    : (([...events].reverse().find((e) => typeof e.data[ASSIGN_DUE_BY] === "string")?.data[ASSIGN_DUE_BY] as
        | string
        | undefined) ?? null);

  const roles = actingAs(ctx.actor);
  const stateLabel = (id: string | null) => (id ? (definition.states[id]?.label ?? { "zh-CN": id }) : null);
  const snapshot = row.snapshot as { context: { fields: Record<string, unknown>; counters?: Record<string, number> } };
  return {
    case: {
      id: row.id,
      seq: row.seq,
      title: row.title,
      trackingCode: row.trackingCode,
      channel: row.channel,
      category: row.category,
      status: row.status,
      state: row.state,
      stateLabel: stateLabel(row.state)!,
      ...names,
      mergedInto: linked.find((c) => c.id === row.mergedIntoId) ?? null,
      mergedFrom: linked.filter((c) => c.mergedIntoId === row.id),
      submitterName: row.submitterName,
      submitterPhone: row.submitterPhone ? maskPhone(row.submitterPhone) : null,
      satisfaction: row.satisfaction,
      kind: row.kind,
      answerClass: row.answerClass,
      keySupervision: row.keySupervision,
      dueAt: row.dueAt,
      unattended: row.unattendedSince !== null,
      dueAtProvisional: row.dueAt ? await countsOnProvisionalCalendar(tx, now, row.dueAt) : false,
      deadline: deadlineState(row, now),
      countdown: row.dueAt ? deadlineCountdown(row.dueAt, now, calendar) : null,
      askedDueBy,
      createdAt: row.createdAt,
      fields: snapshot.context.fields,
    },
    timeline: events.map(({ data, ...e }) => ({
      ...e,
      // Taken as a member of a team: which one, by its name.
      actorTeam: e.actorRole.startsWith("team:") ? (teams.get(e.actorRole.slice("team:".length)) ?? null) : null,
      fromLabel: stateLabel(e.fromState),
      toLabel: stateLabel(e.toState)!,
      label: transitionLabel(definition.states[e.fromState ?? ""], e.type),
      // What the step's form said, by the form's own labels (the first event's is the case itself).
      values:
        e.seq === 1
          ? []
          : formValues(
              [
                ...(eventForm(definition.states[e.fromState ?? ""], e.type, units, row.handlingUnitId) ??
                  definition.states[e.fromState ?? ""]?.form ??
                  []),
                // A 交办's instructions and asked date (assignment-note.ts).
                ...(isAssignment(definition.states[e.fromState ?? ""], e.type) ? assignmentNoteFields(null) : []),
              ],
              data,
              units,
            ),
    })),
    desk,
    actions: withPrimary(
      availableActions(row.state, state, roles, snapshot.context)
        .filter((action) => coHandlingPermits(ctx.actor, row, state, action.event))
        .map((action) => ({
          ...action,
          form: [
            ...(eventForm(state, action.event, units, row.handlingUnitId) ?? action.form),
            ...(isAssignment(state, action.event) ? assignmentNoteFields(legalBy(action.event)) : []),
          ],
          leadsTo: leadsTo(definition, row.state, action.event, teams, {
            values: snapshot.context.fields,
            counters: snapshot.context.counters ?? {},
            role: [...roles][0] as GuardView["role"],
          }),
        })),
      desk.next.map((step) => step.event),
    ),
    references: { handlingUnit: units },
  };
}

/**
 * One button per event this actor's roles may send here, unless every way it could go is
 * barred by a guard that cannot hold on the case as it stands (a guard on what the step's own
 * form fills in is left to the runtime). Moving on needs the state's form (the runtime checks
 * it); staying where it is (催办) needs none.
 */
function availableActions(
  stateId: string,
  state: TState | undefined,
  roles: Set<string>,
  context: { fields: Record<string, unknown>; counters?: Record<string, number> },
) {
  if (!state || state.kind === "final") return [];
  const formFields = new Set(state.form.map((f) => f.key));
  const permitted = state.transitions.filter(
    (t) =>
      !t.auto &&
      // 整合 joins several cases into one: it is done from the list, never offered on one case.
      capabilityOf(t, "mergeIntoCase") === undefined &&
      mayBeSentBy(t).some(
        (role) =>
          roles.has(role) &&
          guardCouldHold(t.guard, { values: context.fields, counters: context.counters ?? {}, role }, formFields),
      ),
  );
  const events = [...new Set(permitted.map((t) => t.event))];
  return events.map((event) => {
    const transitions = permitted.filter((t) => t.event === event);
    return {
      event,
      label: transitions[0]!.label,
      form: transitions.some((t) => t.target !== stateId) ? stepForm(state, event) : [],
    };
  });
}

/**
 * One primary step for this actor: the first of theirs the definition expects next (the
 * holder's way on, in the order the county drew it), else their first that moves the case on.
 */
function withPrimary<T extends { event: string; leadsTo: { state: TLocalizedText | null } }>(
  actions: T[],
  expected: string[],
) {
  const primary =
    actions.find((a) => expected.includes(a.event))?.event ?? actions.find((a) => a.leadsTo.state !== null)?.event;
  return actions.map((action) => ({ ...action, primary: action.event === primary }));
}

/**
 * Where a step leads and whose desk that is, for its one-line explanation: the first target
 * other than the current state (null when it stays, as 催办 does) and its assignee's role or team.
 */
function leadsTo(
  definition: TWorkflowDefinition,
  stateId: string,
  event: string,
  teams: ReadonlyMap<string, string>,
  view: GuardView,
) {
  // The first way on whose guard can still hold on the case (a 重点建议's rating leads to its
  // 回访, any other's to 办结); what the step's own form fills in is left undecided.
  const state = definition.states[stateId];
  const formFields = new Set(state?.form.map((f) => f.key));
  const ways = state?.transitions.filter((t) => t.event === event && t.target !== stateId) ?? [];
  const target = (ways.find((t) => guardCouldHold(t.guard, view, formFields)) ?? ways[0])?.target;
  const next = target ? definition.states[target] : undefined;
  if (!next) return { state: null, final: false, role: null, team: null };
  const assignee = next.assignee;
  return {
    state: next.label,
    final: next.kind === "final",
    role: assignee && assignee.role !== "team" ? assignee.role : null,
    team: assignee?.role === "team" ? (teams.get(assignee.team ?? "") ?? null) : null,
  };
}

function transitionLabel(state: TState | undefined, event: string) {
  return state?.transitions.find((t) => t.event === event)?.label ?? null;
}

type Text = TLocalizedText;

/** A step's form values as label and text: options by their labels, units by their names. */
function formValues(
  form: TFieldDefinition[],
  data: Record<string, unknown>,
  units: { value: string; label: string }[],
) {
  return form.flatMap((field): { label: Text; value: Text }[] => {
    const value = data[field.key];
    if (value === undefined || value === null || value === "" || field.type === "image") return [];
    const options = field.type === "select" || field.type === "multiSelect" ? field.options : [];
    const text = (v: unknown): Text => {
      const option = options.find((o) => o.value === v);
      if (option) return option.label;
      const unit = field.type === "handlingUnit" ? units.find((u) => u.value === v) : undefined;
      return { "zh-CN": unit?.label ?? String(v) };
    };
    if (Array.isArray(value)) {
      const parts = value.map(text);
      return [{ label: field.label, value: { "zh-CN": parts.map((p) => p["zh-CN"]).join("、") } }];
    }
    return [{ label: field.label, value: text(value) }];
  });
}
