import { ZFieldList } from "@rdlink/forms";
import { roles } from "@rdlink/vocabulary/roles";
import { z } from "zod";

/**
 * A county's case workflow, as data. States and transitions only reference named
 * guards, actions and duration units from the library (library.ts): no code, nothing
 * a county could use to run anything. Node positions live apart, in `layout`.
 */

export const ID_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const EVENT_PATTERN = /^[A-Z][A-Z0-9_]{0,39}$/;

const ZId = z.string().regex(ID_PATTERN, "expected an id like `review` or `handling_2`");
const ZEventName = z.string().regex(EVENT_PATTERN, "expected an event name like `ASSIGN`");

export const ZLocalizedText = z.object({
  "zh-CN": z.string().min(1).max(200),
  en: z.string().max(200).optional(),
});

/** Who may send an event: a county role, the citizen who submitted the case, or the system (deadlines). */
export const actorRoles = [...roles, "citizen", "system"] as const;
export type TActorRole = (typeof actorRoles)[number];

/**
 * Whose desk a state is on: a role within the case's station, township, county, handling
 * unit…, or (role `team`) one of the county's teams, named by its key, county-wide.
 */
export const assigneeScopes = ["station", "township", "county", "handlingUnit", "submitter", "deputy"] as const;
export const ZAssignee = z.object({
  role: z.enum([...roles, "citizen", "team"]),
  scope: z.enum(assigneeScopes),
  team: ZId.optional(),
});

/** How a team member acts, in a case's history and the runtime's checks: `team:<key>`. */
export type TTeamActor = `team:${string}`;
export const teamActor = (key: string): TTeamActor => `team:${key}`;
/** Who a step is taken as: a role, or a team. */
export type TActingAs = TActorRole | TTeamActor;

/** The identities that may send a transition: its roles and its teams. */
export function mayBeSentBy(transition: { roles: readonly TActorRole[]; teams?: readonly string[] }): TActingAs[] {
  return [...transition.roles, ...(transition.teams ?? []).map(teamActor)];
}

/** A named guard or action of the library with its parameters (checked against the library). */
export const ZLibraryRef = z.object({
  type: z.string().min(1).max(60),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const durationUnits = ["hours", "days", "workingHours", "workingDays", "months"] as const;
export const ZDuration = z.object({
  amount: z.number().positive().max(3650),
  unit: z.string(),
});

export const notifyTargets = [
  "assignee",
  "submitter",
  "county_admin",
  "township_operator",
  "handlingUnit",
  "coHandlingUnits",
  "deputy",
] as const;
export const ZNotify = z.object({
  to: z.enum(notifyTargets),
  /** A message template key, e.g. `case.deadline.warning`. */
  template: z.string().min(1).max(100),
});

/** A step of the warning ladder: at some share of the deadline, send an event and/or a notification. */
export const ZRung = z.object({
  id: ZId,
  label: ZLocalizedText,
  atPercent: z.number().min(1).max(1000),
  event: ZEventName.optional(),
  notify: ZNotify.optional(),
});

export const ZDeadline = z.object({
  id: ZId,
  label: ZLocalizedText,
  duration: ZDuration,
  /** Counted from entering the state, or from a named case date (e.g. `assignedAt`). */
  from: z.union([z.literal("stateEntry"), z.object({ caseDate: ZId })]).default("stateEntry"),
  ladder: z.array(ZRung).min(1).max(10),
});

export const ZTransition = z.object({
  event: ZEventName,
  label: ZLocalizedText,
  target: ZId,
  /** Who may send it: roles and/or the county's teams (by key); validation wants at least one. */
  roles: z.array(z.enum(actorRoles)).default([]),
  teams: z.array(ZId).max(10).optional(),
  guard: ZLibraryRef.optional(),
  actions: z.array(ZLibraryRef).max(20).default([]),
  /**
   * What this step asks besides the state's form, for a step that keeps the case where it is (a
   * 面商's minutes, a 督办's photo): checked as the state's form is for a step that moves it.
   */
  form: ZFieldList.optional(),
  /**
   * Taken by itself as soon as its guard holds (随手拍 straight to a unit), checked when the
   * state is entered and after each event; nobody sends it. Validation refuses a loop of them.
   */
  auto: z.boolean().optional(),
});

export const stateKinds = ["task", "wait", "final"] as const;
export const ZState = z.object({
  label: ZLocalizedText,
  kind: z.enum(stateKinds),
  /** Reaching this state closes the case (办结) for the figures; final states always do. */
  closes: z.boolean().optional(),
  assignee: ZAssignee.optional(),
  /** What must be filled in to leave the state (sent as the event's data). */
  form: ZFieldList.default([]),
  deadlines: z.array(ZDeadline).max(5).default([]),
  transitions: z.array(ZTransition).max(50).default([]),
});

/**
 * What a workflow's cases are about: which figures they feed, where a county's intake and
 * 整合 find the workflow to start, and how the case page titles them. Core relies on this,
 * never on a workflow's key, which a county may rename.
 */
export const workflowKinds = ["opinion", "suggestion", "letter", "mediation", "consultation", "custom"] as const;
export type TWorkflowKind = (typeof workflowKinds)[number];

/**
 * How cases of the workflow start, besides the dedicated ones of its kind (the public QR form
 * and the station registration of opinions, 整合 for suggestions). `staff`: the roles that may
 * register a case of it in the workbench, at a township of theirs, and the form they fill in
 * (its answers are the case's first fields, which guards and later steps can read).
 */
export const ZEntry = z.object({
  staff: z
    .object({
      roles: z.array(z.enum(roles)).min(1),
      form: ZFieldList.default([]),
    })
    .optional(),
});

export const ZWorkflowDefinition = z.object({
  schemaVersion: z.literal(1),
  key: ZId,
  kind: z.enum(workflowKinds).default("custom"),
  name: ZLocalizedText,
  description: ZLocalizedText.optional(),
  entry: ZEntry.default({}),
  initial: z.string(),
  /** Dates a case carries, set and cleared by actions, that deadlines can count from. */
  caseDates: z.array(ZId).max(20).default([]),
  /** Counters a case carries (e.g. how often it was redone), for guards like `counterBelow`. */
  counters: z.array(ZId).max(20).default([]),
  states: z.record(ZId, ZState).refine((states) => Object.keys(states).length > 0, "a workflow needs states"),
});

/** Node positions for the designer, kept apart from what the workflow means. */
export const ZWorkflowLayout = z.record(z.string(), z.object({ x: z.number(), y: z.number() }));

export type TWorkflowDefinition = z.infer<typeof ZWorkflowDefinition>;
export type TWorkflowDefinitionInput = z.input<typeof ZWorkflowDefinition>;
export type TState = z.infer<typeof ZState>;
export type TTransition = z.infer<typeof ZTransition>;
export type TDeadline = z.infer<typeof ZDeadline>;
export type TRung = z.infer<typeof ZRung>;
export type TLibraryRef = z.infer<typeof ZLibraryRef>;
export type TTransitionInput = z.input<typeof ZTransition>;
export type TDeadlineInput = z.input<typeof ZDeadline>;
export type TStateInput = z.input<typeof ZState>;
