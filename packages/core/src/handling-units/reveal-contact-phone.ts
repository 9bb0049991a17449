import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { findContact } from "./edit-handling-unit-contact";

/**
 * The full number of one contact person of the unit `unitId`, for someone allowed to see it; every
 * reveal is audited.
 */
export async function revealContactPhone(tx: TenantTx, ctx: UseCaseContext, unitId: unknown, contactId: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.revealPhone", { tenantId: tx.tenantId });
  const contact = await findContact(tx, unitId, contactId);
  await recordAudit(tx, ctx, {
    action: "handlingUnit.phone_revealed",
    objectType: "handling_unit",
    objectId: contact.handlingUnitId,
    detail: { contact: contact.name },
  });
  return contact.phone;
}
