import { activityKinds, ledgerFigures } from "@rdlink/vocabulary/activity-kinds";
import { z } from "zod";
import { actorRoles, durationUnits, ID_PATTERN, notifyTargets, type TActingAs } from "./definition-schema";

/**
 * The fixed library a definition may name: guards, actions and duration units. A
 * definition that names anything else does not validate and is never compiled.
 */

export type CaseContext = {
  /** Every form value submitted so far, by field key; later steps overwrite earlier ones. */
  fields: Record<string, unknown>;
  counters: Record<string, number>;
  /** Named case dates (ISO instants), such as when the case was assigned. */
  dates: Record<string, string>;
  handlingUnitId: string | null;
  /** Co-handling units (协办单位): each answers too; the lead unit's answer closes the step. */
  coHandlingUnitIds?: string[];
  /** The citizen's latest rating (满意度), recorded by `recordSatisfaction`. */
  satisfaction?: string;
  /** The date (YYYY-MM-DD) the last 交办 asked the unit to finish by (`runtime/due-by.ts`). */
  dueBy?: string;
  /** The latest answer's classification (A/B/C) and whether it is public, by `recordAnswer`; how many answers. */
  answerClass?: string;
  answerPublic?: boolean;
  answers?: number;
  /** 面商 recorded so far, by `recordConsultation`. */
  consultations?: number;
  /** 重点建议, by `markKeySupervision`. */
  keySupervision?: boolean;
};

/** The classifications `recordAnswer` accepts: A 已解决或基本解决, B 正在解决或列入计划, C 留作参考. */
export const answerClasses = ["A", "B", "C"] as const;

/** The ratings `recordSatisfaction` accepts: 满意, 基本满意, 不满意. */
export const satisfactionValues = ["satisfied", "basic", "unsatisfied"] as const;

/** Every event a case receives: its data (the step's form), when, and who sent it. */
export type CaseEvent = {
  type: string;
  data?: Record<string, unknown>;
  at: string;
  actor: { userId: string | null; role: TActingAs };
};

const ZField = z.string().regex(ID_PATTERN);
const ZGuardRef = z.object({ type: z.string().min(1).max(60), params: z.record(z.string(), z.unknown()).default({}) });
const ZScalar = z.union([z.string().max(200), z.number(), z.boolean()]);

/** What a guard sees: the case's values with this event's data on top. */
export type GuardView = { values: Record<string, unknown>; counters: Record<string, number>; role: TActingAs };

type GuardEntry<P extends z.ZodType> = {
  params: P;
  /** Param names that must name a declared counter. */
  counterParams?: (keyof z.infer<P>)[];
  test: (view: GuardView, params: z.infer<P>) => boolean;
};
const guard = <P extends z.ZodType>(entry: GuardEntry<P>) => entry;

export const guardLibrary = {
  fieldEquals: guard({
    params: z.object({ field: ZField, value: ZScalar }),
    test: (view, p) => view.values[p.field] === p.value,
  }),
  fieldIn: guard({
    params: z.object({ field: ZField, values: z.array(ZScalar).min(1).max(50) }),
    test: (view, p) => p.values.includes(view.values[p.field] as never),
  }),
  fieldCompare: guard({
    params: z.object({ field: ZField, op: z.enum(["lt", "lte", "gt", "gte"]), value: z.number() }),
    test: (view, p) => {
      const actual = Number(view.values[p.field]);
      if (Number.isNaN(actual)) return false;
      return { lt: actual < p.value, lte: actual <= p.value, gt: actual > p.value, gte: actual >= p.value }[p.op];
    },
  }),
  fieldPresent: guard({
    params: z.object({ field: ZField }),
    test: (view, p) => {
      const value = view.values[p.field];
      return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
    },
  }),
  counterAtLeast: guard({
    params: z.object({ counter: ZField, value: z.number().int().min(1) }),
    counterParams: ["counter"],
    test: (view, p) => (view.counters[p.counter] ?? 0) >= p.value,
  }),
  counterBelow: guard({
    params: z.object({ counter: ZField, value: z.number().int().min(1) }),
    counterParams: ["counter"],
    test: (view, p) => (view.counters[p.counter] ?? 0) < p.value,
  }),
  actorRole: guard({
    params: z.object({ roles: z.array(z.enum(actorRoles)).min(1) }),
    test: (view, p) => (p.roles as readonly string[]).includes(view.role),
  }),
  /** Every one of 2–5 library guards (validated one by one, like top-level guards). */
  allOf: guard({
    params: z.object({ guards: z.array(ZGuardRef).min(2).max(5) }),
    test: (view, p) => p.guards.every((g) => testGuard(g, view)),
  }),
  anyOf: guard({
    params: z.object({ guards: z.array(ZGuardRef).min(2).max(5) }),
    test: (view, p) => p.guards.some((g) => testGuard(g, view)),
  }),
};

/** The form fields a guard reads, nested guards included. */
export function guardFields(ref: { type: string; params?: Record<string, unknown> }): string[] {
  const params = ref.params ?? {};
  const nested = Array.isArray(params.guards) ? (params.guards as (typeof ref)[]) : [];
  return [...(typeof params.field === "string" ? [params.field] : []), ...nested.flatMap(guardFields)];
}

/**
 * Whether a transition's guard can still hold before its step is taken: undecided (true) when
 * it reads a field the step's own form fills in, else evaluated on the case as it stands.
 * A step whose guard cannot hold is not offered.
 */
export function guardCouldHold(
  ref: { type: string; params?: Record<string, unknown> } | undefined,
  view: GuardView,
  formFields: ReadonlySet<string>,
): boolean {
  if (!ref) return true;
  // Each part of an allOf must be able to hold (an answer needs its 面商 first, whatever the form says).
  const parts = (ref.params?.guards ?? []) as { type: string; params?: Record<string, unknown> }[];
  if (ref.type === "allOf") return parts.every((part) => guardCouldHold(part, view, formFields));
  if (ref.type === "anyOf") return parts.some((part) => guardCouldHold(part, view, formFields));
  if (guardFields(ref).some((field) => formFields.has(field))) return true;
  return testGuard(ref, view);
}

/** Evaluates a guard reference that passed validation. */
export function testGuard(ref: { type: string; params?: Record<string, unknown> }, view: GuardView): boolean {
  const entry = (guardLibrary as Record<string, GuardEntry<z.ZodType>>)[ref.type];
  if (!entry) return false;
  return entry.test(view, entry.params.parse(ref.params ?? {}));
}

type ActionEntry<P extends z.ZodType> = {
  params: P;
  counterParams?: (keyof z.infer<P>)[];
  caseDateParams?: (keyof z.infer<P>)[];
  /** Param names that must name one of the county's handling units. */
  unitParams?: (keyof z.infer<P>)[];
  /** How the action changes the case; absent for side effects, which the runtime queues in the outbox. */
  apply?: (context: CaseContext, event: CaseEvent, params: z.infer<P>) => CaseContext;
};
const action = <P extends z.ZodType>(entry: ActionEntry<P>) => entry;

export const actionLibrary = {
  setField: action({
    params: z.object({ field: ZField, value: ZScalar }),
    apply: (context, _event, p) => ({ ...context, fields: { ...context.fields, [p.field]: p.value } }),
  }),
  assignHandlingUnit: action({
    params: z.object({ field: ZField }),
    apply: (context, event, p) => {
      const unit = event.data?.[p.field] ?? context.fields[p.field];
      // The date this 交办 asks the unit to finish by, replacing an earlier 交办's (`runtime/due-by.ts`).
      const { dueBy: _earlier, ...rest } = context;
      const dueBy = event.data?._dueBy;
      return {
        ...rest,
        handlingUnitId: typeof unit === "string" ? unit : context.handlingUnitId,
        ...(typeof dueBy === "string" ? { dueBy } : {}),
      };
    },
  }),
  /** 交给指定单位: a unit the county picked when drawing (随手拍 straight to 城管), not one chosen per case. */
  assignUnit: action({
    params: z.object({ unit: z.uuid() }),
    unitParams: ["unit"],
    apply: (context, _event, p) => ({ ...context, handlingUnitId: p.unit }),
  }),
  setCoHandlingUnits: action({
    params: z.object({ field: ZField }),
    apply: (context, event, p) => {
      const chosen = event.data?.[p.field];
      const ids = Array.isArray(chosen) ? chosen.filter((id): id is string => typeof id === "string") : [];
      return { ...context, coHandlingUnitIds: ids.filter((id) => id !== context.handlingUnitId) };
    },
  }),
  setCaseDate: action({
    params: z.object({ date: ZField }),
    caseDateParams: ["date"],
    apply: (context, event, p) => ({ ...context, dates: { ...context.dates, [p.date]: event.at } }),
  }),
  clearCaseDate: action({
    params: z.object({ date: ZField }),
    caseDateParams: ["date"],
    apply: (context, _event, p) => {
      const { [p.date]: _cleared, ...dates } = context.dates;
      return { ...context, dates };
    },
  }),
  incrementCounter: action({
    params: z.object({ counter: ZField }),
    counterParams: ["counter"],
    apply: (context, _event, p) => ({
      ...context,
      counters: { ...context.counters, [p.counter]: (context.counters[p.counter] ?? 0) + 1 },
    }),
  }),
  notify: action({
    params: z.object({ to: z.enum(notifyTargets), template: z.string().min(1).max(100) }),
  }),
  // Capabilities: actions whose meaning the product relies on, whatever the county named the
  // transition. Core finds a workflow's 整合, 协办 answer and 评价 by these, never by event name.
  /** 评价: the event's `field` holds the citizen's rating; it becomes the case's 满意度. */
  recordSatisfaction: action({
    params: z.object({ field: ZField }),
    apply: (context, event, p) => {
      const rating = event.data?.[p.field] ?? context.fields[p.field];
      const valid = (satisfactionValues as readonly unknown[]).includes(rating);
      return valid ? { ...context, satisfaction: rating as string } : context;
    },
  }),
  /**
   * 记入台账: the step is an entry of the station's 履职台账 (a mediation that reached agreement),
   * adding one to a ledger figure; its summary is the form's `summaryField`, its deputies those
   * the step's form names and the case's own. Written with the step, once.
   */
  recordLedgerEntry: action({
    params: z.object({
      kind: z.enum(activityKinds),
      figure: z.enum(ledgerFigures).optional(),
      summaryField: ZField.optional(),
    }),
  }),
  /**
   * 答复: an answer is given; the event's `classField` holds its classification (A/B/C), its
   * `publicField` whether it is published. Figures count answers on time, by class, from this.
   */
  recordAnswer: action({
    params: z.object({ classField: ZField, publicField: ZField.optional() }),
    apply: (context, event, p) => {
      const value = event.data?.[p.classField] ?? context.fields[p.classField];
      const published = p.publicField ? (event.data?.[p.publicField] ?? context.fields[p.publicField]) : undefined;
      return {
        ...context,
        answers: (context.answers ?? 0) + 1,
        answerClass: (answerClasses as readonly unknown[]).includes(value) ? (value as string) : undefined,
        answerPublic: published === true,
      };
    },
  }),
  /** 面商: the handling unit met the deputy (in person, by phone or letter) about it. */
  recordConsultation: action({
    params: z.object({}),
    apply: (context) => ({ ...context, consultations: (context.consultations ?? 0) + 1 }),
  }),
  /** 重点建议: the event's `field` (yes/no) says whether the case is under the county's key supervision. */
  markKeySupervision: action({
    params: z.object({ field: ZField }),
    apply: (context, event, p) => ({
      ...context,
      keySupervision: (event.data?.[p.field] ?? context.fields[p.field]) === true,
    }),
  }),
  /** 重新办理: a closed case is opened again (a 回头看 found the promise not kept); 回头看 sends this step. */
  reopenCase: action({ params: z.object({}) }),
  /** 整合: the case is merged into another (a deputy suggestion); core opens that case and links them. */
  mergeIntoCase: action({ params: z.object({}) }),
  /** 协办答复: a co-handling unit's answer, in the event's `field`; only co-handling units may send it. */
  coHandlingReply: action({ params: z.object({ field: ZField }) }),
  /** 签收: the handling unit accepts the assignment; the workbench's batch 签收 takes this step. */
  acceptAssignment: action({ params: z.object({}) }),
  /** 催办: the case is urged where it stands; the workbench's batch 催办 takes this step. */
  urgeHandling: action({ params: z.object({}) }),
};

export type GuardType = keyof typeof guardLibrary;
export type ActionType = keyof typeof actionLibrary;

export const isGuardType = (type: string): type is GuardType => Object.hasOwn(guardLibrary, type);
export const isActionType = (type: string): type is ActionType => Object.hasOwn(actionLibrary, type);
export const isDurationUnit = (unit: string): unit is (typeof durationUnits)[number] =>
  (durationUnits as readonly string[]).includes(unit);
