import { type Actor, handlingUnitsOf, hasOnlyRole } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import type { TFieldDefinition } from "@rdlink/forms";
import type { TState } from "@rdlink/workflow";
import { and, asc, eq, isNull } from "drizzle-orm";
import { capabilityOf, eventHas, transitionsOf } from "./capabilities";

type Unit = { value: string; label: string };

/** The county's handling units in use, as a picker's options. */
export function unitOptions(tx: TenantTx): Promise<Unit[]> {
  return tx
    .select({ value: handlingUnits.id, label: handlingUnits.name })
    .from(handlingUnits)
    .where(and(eq(handlingUnits.tenantId, tx.tenantId), isNull(handlingUnits.archivedAt)))
    .orderBy(asc(handlingUnits.name));
}

/**
 * The forms of steps that keep a case where it is, which a state's own form does not
 * cover: naming co-handling units (协办, a transition carrying `setCoHandlingUnits`), and a
 * co-handling unit's answer (`coHandlingReply`). Each field is the one the action names.
 */
export function eventForm(
  state: TState | undefined,
  event: string,
  units: Unit[],
  leadUnitId: string | null,
): TFieldDefinition[] | null {
  for (const transition of transitionsOf(state, event)) {
    const coUnits = capabilityOf(transition, "setCoHandlingUnits");
    if (coUnits)
      return [
        {
          key: String(coUnits.params.field),
          label: { "zh-CN": "协办单位", en: "Co-handling units" },
          type: "multiSelect",
          required: true,
          options: units
            .filter((u) => u.value !== leadUnitId)
            .map((u) => ({ value: u.value, label: { "zh-CN": u.label } })),
        },
      ];
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
