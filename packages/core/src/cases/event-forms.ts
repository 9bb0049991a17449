import { type Actor, handlingUnitsOf, hasOnlyRole } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import type { TFieldDefinition } from "@rdlink/forms";
import { type GuardView, guardCouldHold, guardFields, type TState, type TTransition } from "@rdlink/workflow";
import { and, asc, eq, isNull } from "drizzle-orm";
import { naturalOrder } from "../shared/natural-order";
import { capabilityOf, eventHas, transitionsOf } from "./capabilities";

type Unit = { value: string; label: string };

/** The county's handling units in use, as a picker's options. */
export function unitOptions(tx: TenantTx): Promise<Unit[]> {
  return tx
    .select({ value: handlingUnits.id, label: handlingUnits.name })
    .from(handlingUnits)
    .where(and(eq(handlingUnits.tenantId, tx.tenantId), isNull(handlingUnits.archivedAt)))
    .orderBy(asc(naturalOrder(handlingUnits.name)));
}

/**
 * The forms of steps that a state's own form does not cover: the step's own (its transition's
 * `form`), naming co-handling units (协办, a
 * transition carrying `setCoHandlingUnits`, alone or with the 交办 itself), and a co-handling
 * unit's answer (`coHandlingReply`). Each field is the one the action names.
 */
export function eventForm(
  state: TState | undefined,
  event: string,
  units: Unit[],
  leadUnitId: string | null,
): TFieldDefinition[] | null {
  // A step that asks its own questions (a 面商's minutes) has its own form.
  const own = transitionsOf(state, event).find((t) => t.form && t.form.length > 0)?.form;
  if (own) return own;
  for (const transition of transitionsOf(state, event)) {
    const coUnits = capabilityOf(transition, "setCoHandlingUnits");
    if (coUnits) {
      // A 交办 naming its co-units too (the 交办会's): its own form, and the co-units if it likes.
      const assigns = capabilityOf(transition, "assignHandlingUnit") !== undefined;
      const field: TFieldDefinition = {
        key: String(coUnits.params.field),
        label: { "zh-CN": "协办单位", en: "Co-handling units" },
        type: "multiSelect",
        required: !assigns,
        // A 交办 names the lead anew: every unit may be offered (the workflow drops the lead from the co-units).
        options: units
          .filter((u) => assigns || u.value !== leadUnitId)
          .map((u) => ({ value: u.value, label: { "zh-CN": u.label } })),
      };
      if (!assigns || !state) return [field];
      const own = stepForm(state, event).filter((f) => f.key !== field.key);
      return field.options.length > 0 ? [...own, field] : own;
    }
    const coReply = capabilityOf(transition, "coHandlingReply");
    if (coReply)
      return [
        {
          key: String(coReply.params.field),
          label: { "zh-CN": "协办意见", en: "Co-handling answer" },
          type: "longText",
          required: true,
        },
      ];
  }
  return null;
}

/**
 * Lead and co-handling units on one case: a responder whose unit only co-handles it may
 * give its co-handling answer and nothing else, and that answer is for co-handling units
 * only. The workflow's roles decide the rest.
 */
export function coHandlingPermits(
  actor: Actor,
  row: { handlingUnitId: string | null; coHandlingUnitIds: string[] },
  state: TState | undefined,
  event: string,
): boolean {
  const units = handlingUnitsOf(actor);
  const leads = row.handlingUnitId !== null && units.includes(row.handlingUnitId);
  const coHandles = row.coHandlingUnitIds.some((unit) => units.includes(unit));
  if (eventHas(state, event, "coHandlingReply")) return coHandles;
  const onlyResponder = hasOnlyRole(actor, "handling_unit_responder");
  return !(coHandles && !leads && onlyResponder);
}

/** The fields a guard needs filled in: its `fieldPresent`s, and those of an `allOf`. */
function presentFields(guard: TTransition["guard"]): string[] {
  if (!guard) return [];
  if (guard.type === "fieldPresent") return typeof guard.params.field === "string" ? [guard.params.field] : [];
  if (guard.type !== "allOf" || !Array.isArray(guard.params.guards)) return [];
  return (guard.params.guards as TTransition["guard"][]).flatMap(presentFields);
}

/**
 * The fields `event` cannot be taken without, though the state's form leaves them optional
 * because its other steps do not need them (申请延期 needs its reason, 答复 its answer): those
 * every transition of the event requires by a `fieldPresent` guard.
 */
export function fieldsRequiredBy(state: TState | undefined, event: string): string[] {
  const transitions = state?.transitions.filter((t) => t.event === event) ?? [];
  if (transitions.length === 0) return [];
  const [first, ...rest] = transitions.map((t) => new Set(presentFields(t.guard)));
  return [...first!].filter((field) => rest.every((fields) => fields.has(field)));
}

/**
 * The blank fields that alone keep `event` from being taken (不满意 needs its reason, though 满意
 * does not): none when one of its ways can be taken as it is; else those a `fieldPresent` of the
 * first way asks for, when that way would hold with them filled in. Named, they are refused as
 * missing rather than as "not possible now".
 */
export function fieldsMissingFor(
  state: TState | undefined,
  event: string,
  view: GuardView,
  isBlank: (value: unknown) => boolean,
): string[] {
  const ways = state?.transitions.filter((t) => t.event === event) ?? [];
  if (ways.some((t) => guardCouldHold(t.guard, view, new Set()))) return [];
  for (const way of ways) {
    const blank = presentFields(way.guard).filter((key) => isBlank(view.values[key]));
    if (blank.length > 0 && guardCouldHold(way.guard, view, new Set(blank))) return blank;
  }
  return [];
}

/**
 * The state's form as one step of it needs it: a field only another step's guard reads (the
 * answer's step needs no reason for an extension) is left out unless the form requires it,
 * and the fields the step itself requires (`fieldsRequiredBy`) are marked required.
 */
export function stepForm(state: TState, event: string): TFieldDefinition[] {
  const own = state.transitions.filter((t) => t.event === event);
  const readHere = new Set(own.flatMap((t) => (t.guard ? guardFields(t.guard) : [])));
  const readElsewhere = new Set(
    state.transitions.filter((t) => t.event !== event).flatMap((t) => (t.guard ? guardFields(t.guard) : [])),
  );
  const required = new Set(fieldsRequiredBy(state, event));
  return state.form
    .filter((f) => f.required || readHere.has(f.key) || !readElsewhere.has(f.key))
    .map((f) => (required.has(f.key) && !f.required ? ({ ...f, required: true } as TFieldDefinition) : f));
}
