import type { z } from "zod";
import { type TWorkflowDefinition, ZWorkflowDefinition } from "./definition-schema";
import { actionLibrary, guardLibrary, isActionType, isDurationUnit, isGuardType } from "./library";

export type IssueCode =
  | "invalid"
  | "missingInitial"
  | "unknownTarget"
  | "unreachableState"
  | "noPathToFinal"
  | "noFinalState"
  | "ambiguousTransition"
  | "missingAssignee"
  | "unknownGuard"
  | "invalidGuardParams"
  | "unknownAction"
  | "invalidActionParams"
  | "unknownCounter"
  | "unknownCaseDate"
  | "unknownDurationUnit"
  | "deadlineOnFinal"
  | "transitionsOnFinal"
  | "rungEventNotHandled"
  | "rungWithoutEffect"
  | "duplicateId"
  | "taskWithoutDeadline"
  | "autoLoop"
  | "nobodyActs"
  | "noActor"
  | "missingTeam"
  | "unknownTeam"
  | "unknownHandlingUnit"
  | "missingEntry";

export type ValidationIssue = { path: string; code: IssueCode; message: string };

export type ValidationResult =
  | { ok: true; definition: TWorkflowDefinition; errors: []; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/** `["states", "review", "transitions", 2, "target"]` → `states.review.transitions[2].target`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

/** Kinds whose cases have their own ways in (the public form, 整合, imports) besides `entry`. */
const KINDS_WITH_OWN_ENTRY: ReadonlySet<string> = new Set(["opinion", "suggestion"]);

type Raw = Record<string, unknown>;
const isObject = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
/** A value for a message: `String()` throws on objects such as `{"toString": {}}`, JSON does not. */
const shown = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? typeof value));

/**
 * What only the county knows: its teams' keys and its handling units' ids. Without them,
 * the references are not checked (the definition alone cannot tell).
 */
export type ValidationContext = { teams?: ReadonlySet<string>; handlingUnits?: ReadonlySet<string> };

/**
 * Checks a definition and returns every problem at once, each with the exact path of
 * what is wrong. Never throws, whatever the input: the structure is checked by zod,
 * and the meaning (targets, reachability, the library, the county's teams…) on whatever
 * parts are readable.
 */
export function validateDefinition(input: unknown, context: ValidationContext = {}): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const report = (list: ValidationIssue[], path: readonly PropertyKey[], code: IssueCode, text: string) => {
    const at = formatPath(path);
    list.push({ path: at, code, message: `${at}: ${text}` });
  };
  const error = (path: readonly PropertyKey[], code: IssueCode, text: string) => report(errors, path, code, text);

  const parsed = ZWorkflowDefinition.safeParse(input);

  const root = isObject(input) ? input : {};
  const states = isObject(root.states) ? root.states : {};
  const stateIds = Object.keys(states);
  const counters = new Set(arrayOf(root.counters).filter((c): c is string => typeof c === "string"));
  const caseDates = new Set(arrayOf(root.caseDates).filter((c): c is string => typeof c === "string"));
  // Opinions start at a station's QR form and registration, suggestions at 整合, a deputy's own
  // submission or an import; a case of any other kind starts only where the definition says.
  const kind = stringOf(root.kind) ?? "custom";
  const entry = isObject(root.entry) ? root.entry : {};
  if (!KINDS_WITH_OWN_ENTRY.has(kind) && !isObject(entry.staff)) {
    error(["entry", "staff"], "missingEntry", "no one may register a case: name the roles that may");
  }
  const initial = stringOf(root.initial);
  if (!initial || !Object.hasOwn(states, initial)) {
    error(["initial"], "missingInitial", initial ? `initial state "${initial}" does not exist` : "no initial state");
  }

  const checkRef = (
    library: typeof guardLibrary | typeof actionLibrary,
    ref: unknown,
    path: PropertyKey[],
    codes: { unknown: IssueCode; params: IssueCode },
  ) => {
    if (!isObject(ref)) return;
    const type = stringOf(ref.type);
    const known = type !== undefined && (library === guardLibrary ? isGuardType(type) : isActionType(type));
    if (!known) {
      error([...path, "type"], codes.unknown, `"${shown(ref.type)}" is not in the library`);
      return;
    }
    const entry = (
      library as Record<
        string,
        { params: z.ZodType; counterParams?: string[]; caseDateParams?: string[]; unitParams?: string[] }
      >
    )[type]!;
    const params = entry.params.safeParse(ref.params ?? {});
    if (!params.success) {
      for (const issue of params.error.issues) error([...path, "params", ...issue.path], codes.params, issue.message);
      return;
    }
    const values = params.data as Record<string, string>;
    if (type === "allOf" || type === "anyOf") {
      arrayOf((ref.params as Raw).guards).forEach((inner, index) => {
        checkRef(guardLibrary, inner, [...path, "params", "guards", index], codes);
      });
    }
    for (const name of entry.counterParams ?? []) {
      if (!counters.has(values[name]!))
        error([...path, "params", name], "unknownCounter", `counter "${values[name]}" is not declared`);
    }
    for (const name of entry.caseDateParams ?? []) {
      if (!caseDates.has(values[name]!))
        error([...path, "params", name], "unknownCaseDate", `case date "${values[name]}" is not declared`);
    }
    for (const name of entry.unitParams ?? []) {
      if (context.handlingUnits && !context.handlingUnits.has(values[name]!))
        error([...path, "params", name], "unknownHandlingUnit", `handling unit "${values[name]}" is not the county's`);
    }
  };

  const checkTeam = (team: string, path: PropertyKey[]) => {
    if (context.teams && !context.teams.has(team))
      error(path, "unknownTeam", `team "${team}" is not one of the county's`);
  };

  const edges = new Map<string, Set<string>>();
  /** Automatic transitions only: a cycle of them would move a case round for ever. */
  const autoEdges = new Map<string, Set<string>>();
  let finals = 0;
  for (const id of stateIds) {
    const state = states[id];
    if (!isObject(state)) continue;
    const path = ["states", id];
    const final = state.kind === "final";
    if (final) finals++;
    const transitions = arrayOf(state.transitions);
    const deadlines = arrayOf(state.deadlines);
    if (final && transitions.length > 0)
      error([...path, "transitions"], "transitionsOnFinal", "a final state has no transitions");
    if (final && deadlines.length > 0)
      error([...path, "deadlines"], "deadlineOnFinal", "a final state has no deadlines");
    if (state.kind === "task" && !isObject(state.assignee))
      error([...path, "assignee"], "missingAssignee", "a task state needs an assignee");
    if (isObject(state.assignee) && state.assignee.role === "team") {
      const team = stringOf(state.assignee.team);
      if (!team) error([...path, "assignee", "team"], "missingTeam", "a team's desk needs the team");
      else checkTeam(team, [...path, "assignee", "team"]);
    }
    if (state.kind === "task" && deadlines.length === 0) {
      report(warnings, path, "taskWithoutDeadline", "a task state without a deadline can wait forever");
    }

    const targets = new Set<string>();
    const unguardedEvents = new Map<string, number>();
    transitions.forEach((transition, index) => {
      if (!isObject(transition)) return;
      const at = [...path, "transitions", index];
      const target = stringOf(transition.target);
      if (target !== undefined && Object.hasOwn(states, target)) {
        targets.add(target);
        if (transition.auto === true) autoEdges.set(id, (autoEdges.get(id) ?? new Set()).add(target));
      } else error([...at, "target"], "unknownTarget", `state "${shown(transition.target)}" does not exist`);
      const event = stringOf(transition.event);
      if (event !== undefined) {
        const earlier = unguardedEvents.get(event);
        if (earlier !== undefined) {
          error(
            at,
            "ambiguousTransition",
            `event ${event} is already taken by transitions[${earlier}], which has no guard`,
          );
        }
        if (transition.guard === undefined && earlier === undefined) unguardedEvents.set(event, index);
      }
      const teams = arrayOf(transition.teams);
      teams.forEach((team, teamIndex) => {
        if (typeof team === "string") checkTeam(team, [...at, "teams", teamIndex]);
      });
      if (arrayOf(transition.roles).length === 0 && teams.length === 0 && transition.auto !== true)
        error([...at, "roles"], "noActor", "nobody may take this transition: name a role or a team");
      if (transition.guard !== undefined) {
        checkRef(guardLibrary, transition.guard, [...at, "guard"], {
          unknown: "unknownGuard",
          params: "invalidGuardParams",
        });
      }
      for (const [actionIndex, action] of arrayOf(transition.actions).entries()) {
        checkRef(actionLibrary, action, [...at, "actions", actionIndex], {
          unknown: "unknownAction",
          params: "invalidActionParams",
        });
      }
    });
    edges.set(id, targets);
    // A step nobody could ever take: every way out is for the system, and no deadline sends it.
    const rungEvents = new Set(
      deadlines.flatMap((d) => (isObject(d) ? arrayOf(d.ladder).map((r) => (isObject(r) ? r.event : undefined)) : [])),
    );
    const someoneActs = transitions.some(
      (t) =>
        isObject(t) &&
        (t.auto === true ||
          rungEvents.has(t.event) ||
          arrayOf(t.teams).length > 0 ||
          arrayOf(t.roles).some((r) => r !== "system")),
    );
    if (!final && transitions.length > 0 && !someoneActs)
      error(path, "nobodyActs", "nobody can take a transition out of this state: no role, deadline or condition does");

    const systemEvents = new Set(
      transitions
        .filter((t): t is Raw => isObject(t) && arrayOf(t.roles).includes("system"))
        .map((t) => stringOf(t.event)),
    );
    const deadlineIds = new Set<string>();
    deadlines.forEach((deadline, index) => {
      if (!isObject(deadline)) return;
      const at = [...path, "deadlines", index];
      const deadlineId = stringOf(deadline.id);
      if (deadlineId && deadlineIds.has(deadlineId))
        error([...at, "id"], "duplicateId", `deadline id "${deadlineId}" is used twice`);
      if (deadlineId) deadlineIds.add(deadlineId);
      const unit = isObject(deadline.duration) ? stringOf(deadline.duration.unit) : undefined;
      if (unit !== undefined && !isDurationUnit(unit)) {
        error([...at, "duration", "unit"], "unknownDurationUnit", `"${unit}" is not a duration unit of the library`);
      }
      const from = deadline.from;
      if (isObject(from) && typeof from.caseDate === "string" && !caseDates.has(from.caseDate)) {
        error([...at, "from", "caseDate"], "unknownCaseDate", `case date "${from.caseDate}" is not declared`);
      }
      const rungIds = new Set<string>();
      arrayOf(deadline.ladder).forEach((rung, rungIndex) => {
        if (!isObject(rung)) return;
        const rungAt = [...at, "ladder", rungIndex];
        const rungId = stringOf(rung.id);
        if (rungId && rungIds.has(rungId)) error([...rungAt, "id"], "duplicateId", `rung id "${rungId}" is used twice`);
        if (rungId) rungIds.add(rungId);
        if (rung.event === undefined && rung.notify === undefined) {
          error(rungAt, "rungWithoutEffect", "a rung must send an event, a notification, or both");
        }
        const event = stringOf(rung.event);
        if (event !== undefined && !systemEvents.has(event)) {
          error(
            [...rungAt, "event"],
            "rungEventNotHandled",
            `no transition of this state takes ${event} from the system`,
          );
        }
      });
    });
  }
  if (stateIds.length > 0 && finals === 0) error(["states"], "noFinalState", "a workflow needs a final state");
  // A case takes at most one automatic transition per state it passes: none may lead back.
  for (const id of autoEdges.keys()) {
    const onward = new Set(
      [...(autoEdges.get(id) ?? [])].flatMap((to) => [...walk(to, (s) => autoEdges.get(s) ?? new Set())]),
    );
    if (onward.has(id)) error(["states", id], "autoLoop", "automatic transitions lead from this state back to itself");
  }

  if (initial && Object.hasOwn(states, initial)) {
    const reachable = walk(initial, (id) => edges.get(id) ?? new Set());
    for (const id of stateIds) {
      if (!reachable.has(id))
        error(["states", id], "unreachableState", "no transition leads here from the initial state");
    }
  }
  if (finals > 0) {
    const reverse = new Map<string, Set<string>>();
    for (const [from, targets] of edges) {
      for (const to of targets) reverse.set(to, (reverse.get(to) ?? new Set()).add(from));
    }
    const finalIds = stateIds.filter((id) => isObject(states[id]) && (states[id] as Raw).kind === "final");
    const canFinish = new Set<string>();
    for (const id of finalIds)
      for (const reached of walk(id, (s) => reverse.get(s) ?? new Set())) canFinish.add(reached);
    for (const id of stateIds) {
      if (!canFinish.has(id)) error(["states", id], "noPathToFinal", "no path leads from here to a final state");
    }
  }

  // Structural problems, except where a check above already explains the same place better.
  if (!parsed.success) {
    const explained = new Set(errors.map((e) => e.path));
    for (const issue of parsed.error.issues) {
      if (!explained.has(formatPath(issue.path))) error(issue.path, "invalid", issue.message);
    }
  }
  if (parsed.success && errors.length === 0) return { ok: true, definition: parsed.data, errors: [], warnings };
  return { ok: false, errors, warnings };
}

function walk(start: string, next: (id: string) => Set<string>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const to of next(queue.shift()!)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}
