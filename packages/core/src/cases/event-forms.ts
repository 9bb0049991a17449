import { type Actor, handlingUnitsOf } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import type { TFieldDefinition } from "@rdlink/forms";
import { and, asc, eq, isNull } from "drizzle-orm";

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
 * cover: naming co-handling units (协办), and a co-handling unit's answer.
 */
export function eventForm(event: string, units: Unit[], leadUnitId: string | null): TFieldDefinition[] | null {
  switch (event) {
    case "SET_CO_UNITS":
      return [
        {
          key: "coHandlingUnits",
          label: { "zh-CN": "协办单位", en: "Co-handling units" },
          type: "multiSelect",
          required: true,
          options: units
            .filter((u) => u.value !== leadUnitId)
            .map((u) => ({ value: u.value, label: { "zh-CN": u.label } })),
        },
      ];
    case "CO_REPLY":
      return [
        { key: "coReply", label: { "zh-CN": "协办意见", en: "Co-handling answer" }, type: "longText", required: true },
      ];
    default:
      return null;
  }
}

/** What a responder may do on a case their unit only co-handles. */
const CO_HANDLING_EVENTS = new Set(["CO_REPLY"]);

/**
 * Lead and co-handling units on one case: a responder whose unit only co-handles it may
 * give its co-handling answer and nothing else, and that answer is for co-handling units
 * only. The workflow's roles decide the rest.
 */
export function coHandlingPermits(
  actor: Actor,
  row: { handlingUnitId: string | null; coHandlingUnitIds: string[] },
  event: string,
): boolean {
  const units = handlingUnitsOf(actor);
  const leads = row.handlingUnitId !== null && units.includes(row.handlingUnitId);
  const coHandles = row.coHandlingUnitIds.some((unit) => units.includes(unit));
  if (CO_HANDLING_EVENTS.has(event)) return coHandles;
  const onlyResponder = actor.memberships.every((m) => m.role === "handling_unit_responder");
  return !(coHandles && !leads && onlyResponder);
}
